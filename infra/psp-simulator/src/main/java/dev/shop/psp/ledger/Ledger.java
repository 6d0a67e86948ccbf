package dev.shop.psp.ledger;

import dev.shop.platform.problem.ProblemException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The simulated processor's books: charges, declines, refunds and cancellations, held in memory and journaled.
 *
 * <p>Every effect follows the same four steps: claim the idempotency key; under the ledger lock,
 * decide, append the journal line and apply it in memory; fsync outside the lock (shared with
 * concurrent requests, see {@link Journal}); only then complete the key, so an answer is never
 * replayed before it is durable. Reads take the lock too; they may see an effect a moment before
 * its fsync returns.
 *
 * <p>A cancellation names a charge by its idempotency key, so it also works when the caller never learned
 * whether its charge was made: the key is voided if no charge has used it (a charge that arrives later is
 * refused), the charge is refunded if it succeeded. See {@link #cancel}.
 *
 * <p>Opening a ledger over an existing data directory replays the journal, so a restarted
 * simulator keeps its money and its idempotency keys.
 */
public final class Ledger implements AutoCloseable {

    private final IdempotencyKeys<Charge> chargeKeys = new IdempotencyKeys<>(Ledger::chargeCancelled);
    private final IdempotencyKeys<Refund> refundKeys = new IdempotencyKeys<>();
    private final IdempotencyKeys<Cancellation> cancellationKeys = new IdempotencyKeys<>();

    // Guarded by this.
    private final Map<String, Charge> charges = new HashMap<>();
    private final Map<String, List<String>> chargeIdsByReference = new HashMap<>();
    private final Tally total = new Tally();
    private final Map<String, Tally> tallyByReference = new TreeMap<>();

    private final Journal journal;

    private Ledger(Path dataDir) {
        synchronized (this) { // publishes the replayed state to the threads that later take the lock
            this.journal = Journal.open(dataDir, this::replay);
        }
    }

    /** Opens the ledger journaled in {@code dataDir}, replaying what an earlier run recorded there. */
    public static Ledger open(Path dataDir) {
        return new Ledger(dataDir);
    }

    /**
     * Charges a test card. A decline is recorded like a success (a charge with status failed), so
     * retrying a declined charge with the same key stays declined.
     *
     * @throws ProblemException 400 {@code UNKNOWN_PAYMENT_METHOD}, 409 {@code CHARGE_CANCELLED} (the key was voided
     *                          by a cancellation), or an idempotency-key conflict
     */
    public Outcome<Charge> charge(String idempotencyKey, NewCharge request) {
        TestCard card = TestCard.byPaymentMethod(request.paymentMethod()).orElseThrow(() -> new ProblemException(
                400, "UNKNOWN_PAYMENT_METHOD", "Unknown payment method",
                "Payment method '" + request.paymentMethod() + "' is not a test payment method of this simulator."));
        if (request.amountCents() <= 0) {
            throw new ProblemException(400, "INVALID_AMOUNT", "Invalid amount", "amountCents must be positive.");
        }
        String fingerprint = request.fingerprint();
        Optional<Charge> recorded = chargeKeys.claim(idempotencyKey, fingerprint);
        if (recorded.isPresent()) {
            return Outcome.replay(recorded.get());
        }
        try {
            Charge charge = new Charge(newId("ch_"),
                    card.approves() ? Charge.Status.SUCCEEDED : Charge.Status.FAILED,
                    request.amountCents(), request.currency(), request.paymentMethod(), request.reference(),
                    0, card.failureCode(), card.declineCode(), Instant.now());
            long sequence;
            synchronized (this) {
                sequence = journal.append(new JournalEntry.ChargeRecorded(idempotencyKey, fingerprint, charge));
                apply(charge);
            }
            journal.sync(sequence);
            chargeKeys.complete(idempotencyKey, fingerprint, charge);
            return Outcome.created(charge);
        } catch (RuntimeException e) {
            chargeKeys.release(idempotencyKey);
            throw e;
        }
    }

    /**
     * Refunds part or (by default) all of what is left of a succeeded charge.
     *
     * @throws ProblemException 404 {@code CHARGE_NOT_FOUND}, 409 {@code CHARGE_NOT_REFUNDABLE} (a decline),
     *                          409 {@code CHARGE_ALREADY_REFUNDED}, 422 {@code REFUND_EXCEEDS_CHARGE},
     *                          or an idempotency-key conflict
     */
    public Outcome<Refund> refund(String idempotencyKey, NewRefund request) {
        if (request.amountCents() != null && request.amountCents() <= 0) {
            throw new ProblemException(400, "INVALID_AMOUNT", "Invalid amount", "amountCents must be positive.");
        }
        String fingerprint = request.fingerprint();
        Optional<Refund> recorded = refundKeys.claim(idempotencyKey, fingerprint);
        if (recorded.isPresent()) {
            return Outcome.replay(recorded.get());
        }
        try {
            Refund refund;
            long sequence;
            synchronized (this) {
                Charge charge = charges.get(request.charge());
                if (charge == null) {
                    throw new ProblemException(404, "CHARGE_NOT_FOUND", "Charge not found",
                            "No charge with id '" + request.charge() + "'.");
                }
                if (!charge.succeeded()) {
                    throw new ProblemException(409, "CHARGE_NOT_REFUNDABLE", "Charge not refundable",
                            "Charge " + charge.id() + " was declined; there is nothing to refund.");
                }
                long refundable = charge.refundableCents();
                if (refundable == 0) {
                    throw new ProblemException(409, "CHARGE_ALREADY_REFUNDED", "Charge already refunded",
                            "Charge " + charge.id() + " has already been refunded in full.");
                }
                long amount = request.amountCents() == null ? refundable : request.amountCents();
                if (amount > refundable) {
                    throw new ProblemException(422, "REFUND_EXCEEDS_CHARGE", "Refund exceeds charge",
                            "Refund of " + amount + " cents asked, only " + refundable + " cents of charge "
                                    + charge.id() + " are left to refund.");
                }
                refund = newRefund(charge, amount);
                sequence = journal.append(new JournalEntry.RefundRecorded(idempotencyKey, fingerprint, refund));
                apply(refund);
            }
            journal.sync(sequence);
            refundKeys.complete(idempotencyKey, fingerprint, refund);
            return Outcome.created(refund);
        } catch (RuntimeException e) {
            refundKeys.release(idempotencyKey);
            throw e;
        }
    }

    /**
     * Cancels the charge made, or not yet made, with the idempotency key {@code request.chargeIdempotencyKey()},
     * in one ledger step:
     * <ul>
     *   <li>no charge has used the key: the key is voided; a charge that comes with it later, even one that was
     *       sent before this cancellation and delayed, is refused with 409 {@code CHARGE_CANCELLED} and moves no money;</li>
     *   <li>the charge succeeded: what is left of it is refunded;</li>
     *   <li>the charge was declined: nothing to cancel.</li>
     * </ul>
     *
     * @throws ProblemException 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT} while the charge with that key is being made
     *                          (retry), or an idempotency-key conflict of the cancellation's own key
     */
    public Outcome<Cancellation> cancel(String idempotencyKey, NewCancellation request) {
        String fingerprint = request.fingerprint();
        Optional<Cancellation> recorded = cancellationKeys.claim(idempotencyKey, fingerprint);
        if (recorded.isPresent()) {
            return Outcome.replay(recorded.get());
        }
        String chargeKey = request.chargeIdempotencyKey();
        boolean voiding = false;
        try {
            Cancellation cancellation;
            Refund refund = null;
            long sequence;
            synchronized (this) {
                IdempotencyKeys.Use<Charge> use = chargeKeys.voidUnused(chargeKey);
                voiding = use instanceof IdempotencyKeys.Use.Unused;
                Charge charge = use instanceof IdempotencyKeys.Use.Answered<Charge>(Charge answered)
                        ? charges.get(answered.id()) // as it is now, with the refunds made since
                        : null;
                if (charge != null && charge.refundableCents() > 0) {
                    refund = newRefund(charge, charge.refundableCents());
                }
                cancellation = Cancellation.of(newId("cn_"), chargeKey, charge, refund);
                sequence = journal.append(new JournalEntry.CancellationRecorded(idempotencyKey, fingerprint,
                        cancellation, refund));
                apply(refund);
            }
            journal.sync(sequence);
            if (voiding) {
                chargeKeys.completeVoid(chargeKey);
            }
            cancellationKeys.complete(idempotencyKey, fingerprint, cancellation);
            return Outcome.created(cancellation);
        } catch (RuntimeException e) {
            if (voiding) {
                chargeKeys.release(chargeKey);
            }
            cancellationKeys.release(idempotencyKey);
            throw e;
        }
    }

    public synchronized Optional<Charge> findCharge(String id) {
        return Optional.ofNullable(charges.get(id));
    }

    /** Every charge attempt (succeeded or declined) made for a reference, oldest first. */
    public synchronized List<Charge> chargesFor(String reference) {
        return chargeIdsByReference.getOrDefault(reference, List.of()).stream().map(charges::get).toList();
    }

    public synchronized LedgerSummary summary() {
        List<LedgerSummary.Entry> entries = new ArrayList<>(tallyByReference.size());
        tallyByReference.forEach((reference, tally) -> entries.add(tally.entry(reference)));
        return new LedgerSummary(total.capturedCents, total.refundedCents, total.netCents(),
                total.charges, total.refunds, total.declines, entries);
    }

    /** True when the journal can no longer be written; see {@link Journal}. */
    public boolean journalFailed() {
        return journal.failed();
    }

    @Override
    public void close() {
        journal.close();
    }

    private void replay(JournalEntry entry) {
        switch (entry) {
            case JournalEntry.ChargeRecorded recorded -> {
                apply(recorded.charge());
                chargeKeys.complete(recorded.idempotencyKey(), recorded.fingerprint(), recorded.charge());
            }
            case JournalEntry.RefundRecorded recorded -> {
                apply(recorded.refund());
                refundKeys.complete(recorded.idempotencyKey(), recorded.fingerprint(), recorded.refund());
            }
            case JournalEntry.CancellationRecorded recorded -> {
                apply(recorded.refund());
                if (recorded.cancellation().voided()) {
                    chargeKeys.completeVoid(recorded.cancellation().chargeIdempotencyKey());
                }
                cancellationKeys.complete(recorded.idempotencyKey(), recorded.fingerprint(), recorded.cancellation());
            }
        }
    }

    private void apply(Charge charge) {
        charges.put(charge.id(), charge);
        chargeIdsByReference.computeIfAbsent(charge.reference(), r -> new ArrayList<>()).add(charge.id());
        Tally tally = tallyByReference.computeIfAbsent(charge.reference(), r -> new Tally());
        if (charge.succeeded()) {
            total.captured(charge.amountCents());
            tally.captured(charge.amountCents());
        } else {
            total.declines++;
            tally.declines++;
        }
    }

    /** Applies a refund; {@code null} (a cancellation that refunded nothing) changes nothing. */
    private void apply(Refund refund) {
        if (refund == null) {
            return;
        }
        charges.computeIfPresent(refund.charge(), (id, charge) -> charge.withRefunded(refund.amountCents()));
        total.refunded(refund.amountCents());
        tallyByReference.computeIfAbsent(refund.reference(), r -> new Tally()).refunded(refund.amountCents());
    }

    private static Refund newRefund(Charge charge, long amountCents) {
        return new Refund(newId("re_"), charge.id(), charge.reference(), amountCents, charge.currency(), "succeeded",
                Instant.now());
    }

    private static ProblemException chargeCancelled() {
        return new ProblemException(409, "CHARGE_CANCELLED", "Charge cancelled",
                "A cancellation voided this Idempotency-Key before any charge was made with it; nothing was charged.");
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** Running totals, for the whole ledger and per reference. */
    private static final class Tally {
        long capturedCents;
        long refundedCents;
        long charges;
        long refunds;
        long declines;

        void captured(long cents) {
            capturedCents += cents;
            charges++;
        }

        void refunded(long cents) {
            refundedCents += cents;
            refunds++;
        }

        long netCents() {
            return capturedCents - refundedCents;
        }

        LedgerSummary.Entry entry(String reference) {
            return new LedgerSummary.Entry(reference, capturedCents, refundedCents, netCents(), charges, refunds, declines);
        }
    }
}
