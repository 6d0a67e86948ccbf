package dev.shop.psp.ledger;

import dev.shop.platform.problem.ProblemException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger without HTTP: journal replay after a restart, torn writes, refunds under contention, and
 * cancellations by idempotency key (voids and refunds).
 */
@Tag("fast")
class LedgerTest {

    @TempDir
    Path dataDir;

    @Test
    void ledgerSurvivesRestart() {
        String chargeId;
        String declineId;
        LedgerSummary before;
        try (Ledger ledger = Ledger.open(dataDir)) {
            chargeId = ledger.charge("order-1", visa(1299, "order-1")).value().id();
            declineId = ledger.charge("order-2", new NewCharge(500, "EUR", "pm_card_declined", "order-2")).value().id();
            ledger.charge("order-3", visa(2000, "order-3"));
            ledger.refund("refund-1", new NewRefund(chargeId, 300L));
            before = ledger.summary();
        }

        try (Ledger restarted = Ledger.open(dataDir)) {
            assertEquals(before, restarted.summary());
            assertEquals(new LedgerSummary(3299, 300, 2999, 2, 1, 1, before.entries()), restarted.summary());
            assertEquals(300, restarted.findCharge(chargeId).orElseThrow().amountRefundedCents());

            Outcome<Charge> retried = restarted.charge("order-1", visa(1299, "order-1"));
            assertTrue(retried.replayed(), "a retried charge after the restart is a replay");
            assertEquals(chargeId, retried.value().id());

            Outcome<Charge> retriedDecline = restarted.charge("order-2", new NewCharge(500, "EUR", "pm_card_declined", "order-2"));
            assertTrue(retriedDecline.replayed());
            assertEquals(declineId, retriedDecline.value().id());
            assertFalse(retriedDecline.value().succeeded(), "a declined charge stays declined");

            assertTrue(restarted.refund("refund-1", new NewRefund(chargeId, 300L)).replayed());
            ProblemException overRefund = assertThrows(ProblemException.class,
                    () -> restarted.refund("refund-2", new NewRefund(chargeId, 1000L)));
            assertEquals("REFUND_EXCEEDS_CHARGE", overRefund.code());

            assertEquals(before, restarted.summary(), "replays and rejected refunds move no money");
        }
    }

    @Test
    void tornLastLineIsCutOffAndLaterWritesSurvive() throws IOException {
        try (Ledger ledger = Ledger.open(dataDir)) {
            ledger.charge("order-1", visa(1000, "order-1"));
        }
        Path journal = dataDir.resolve(Journal.FILE_NAME);
        Files.writeString(journal, "{\"type\":\"charge-recorded.v1\",\"idempot", StandardOpenOption.APPEND);

        try (Ledger restarted = Ledger.open(dataDir)) {
            assertEquals(1000, restarted.summary().capturedCents());
            restarted.charge("order-2", visa(234, "order-2"));
        }
        try (Ledger again = Ledger.open(dataDir)) {
            assertEquals(1234, again.summary().capturedCents());
            assertEquals(2, again.summary().charges());
        }
        assertEquals(2, Files.readAllLines(journal, StandardCharsets.UTF_8).size());
    }

    @Test
    void corruptLineInTheMiddleStopsTheStart() throws IOException {
        try (Ledger ledger = Ledger.open(dataDir)) {
            ledger.charge("order-1", visa(1000, "order-1"));
        }
        Path journal = dataDir.resolve(Journal.FILE_NAME);
        String good = Files.readString(journal);
        Files.writeString(journal, "not json\n" + good);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Ledger.open(dataDir));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void concurrentRefundsNeverExceedTheCharge() throws Exception {
        try (Ledger ledger = Ledger.open(dataDir)) {
            String chargeId = ledger.charge("order-1", visa(1000, "order-1")).value().id();
            List<Callable<Boolean>> refunds = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String key = "refund-" + i;
                refunds.add(() -> {
                    try {
                        ledger.refund(key, new NewRefund(chargeId, 300L));
                        return true;
                    } catch (ProblemException rejected) {
                        return false;
                    }
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long accepted = 0;
            try {
                for (Future<Boolean> refund : pool.invokeAll(refunds)) {
                    accepted += refund.get() ? 1 : 0;
                }
            } finally {
                pool.shutdown();
            }

            assertEquals(3, accepted, "only three refunds of 300 fit in 1000");
            assertEquals(900, ledger.summary().refundedCents());
            assertEquals(100, ledger.findCharge(chargeId).orElseThrow().refundableCents());
        }
    }

    @Test
    void unknownPaymentMethodRecordsNothing() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> ledger.charge("order-1", new NewCharge(1000, "EUR", "pm_card_amex_typo", "order-1")));
            assertEquals(400, e.status());
            assertEquals("UNKNOWN_PAYMENT_METHOD", e.code());
            assertFalse(ledger.charge("order-1", visa(1000, "order-1")).replayed(), "the key was not used up");
        }
    }

    @Test
    void cancellingAnUnusedKeyVoidsItAndALaterChargeWithItMovesNoMoney() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            Cancellation cancellation = ledger.cancel("cancel-1", new NewCancellation("order-1")).value();

            assertEquals(Cancellation.Status.VOIDED, cancellation.status());
            assertNull(cancellation.charge());
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> ledger.charge("order-1", visa(1000, "order-1")));
            assertEquals(409, refused.status());
            assertEquals("CHARGE_CANCELLED", refused.code());
            assertEquals(0, ledger.summary().capturedCents());
            assertEquals(List.of(), ledger.chargesFor("order-1"));
        }
    }

    @Test
    void cancellingASucceededChargeRefundsWhatIsLeftOfIt() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            String chargeId = ledger.charge("order-1", visa(1000, "order-1")).value().id();
            ledger.refund("refund-1", new NewRefund(chargeId, 300L));

            Cancellation cancellation = ledger.cancel("cancel-1", new NewCancellation("order-1")).value();

            assertEquals(Cancellation.Status.REFUNDED, cancellation.status());
            assertEquals(chargeId, cancellation.charge());
            assertTrue(cancellation.refund().startsWith("re_"), cancellation.refund());
            assertEquals(700, cancellation.amountRefundedCents());
            assertEquals(0, ledger.summary().netCents());
            assertEquals(2, ledger.summary().refunds());
            assertEquals(0, ledger.findCharge(chargeId).orElseThrow().refundableCents());
        }
    }

    @Test
    void cancellingAChargeRefundedInFullGivesNothingMoreBack() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            String chargeId = ledger.charge("order-1", visa(1000, "order-1")).value().id();
            ledger.refund("refund-1", new NewRefund(chargeId, null));

            Cancellation cancellation = ledger.cancel("cancel-1", new NewCancellation("order-1")).value();

            assertEquals(Cancellation.Status.REFUNDED, cancellation.status());
            assertNull(cancellation.refund());
            assertEquals(1000, ledger.summary().refundedCents());
            assertEquals(1, ledger.summary().refunds());
        }
    }

    @Test
    void cancellingADeclinedChargeHasNothingToCancel() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            String declineId = ledger.charge("order-1", new NewCharge(500, "EUR", "pm_card_declined", "order-1"))
                    .value().id();

            Cancellation cancellation = ledger.cancel("cancel-1", new NewCancellation("order-1")).value();

            assertEquals(Cancellation.Status.NOTHING_TO_CANCEL, cancellation.status());
            assertEquals(declineId, cancellation.charge());
            assertNull(cancellation.refund());
            assertEquals(0, ledger.summary().refunds());
            assertTrue(ledger.charge("order-1", new NewCharge(500, "EUR", "pm_card_declined", "order-1")).replayed(),
                    "the declined charge's key is not voided: its answer is still replayed");
        }
    }

    @Test
    void voidsAndCancellationsSurviveRestart() {
        LedgerSummary before;
        Cancellation refunded;
        try (Ledger ledger = Ledger.open(dataDir)) {
            ledger.cancel("cancel-1", new NewCancellation("order-1"));
            ledger.charge("order-2", visa(1299, "order-2"));
            refunded = ledger.cancel("cancel-2", new NewCancellation("order-2")).value();
            before = ledger.summary();
        }

        try (Ledger restarted = Ledger.open(dataDir)) {
            assertEquals(before, restarted.summary());
            assertEquals(new LedgerSummary(1299, 1299, 0, 1, 1, 0, before.entries()), restarted.summary());
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> restarted.charge("order-1", visa(1000, "order-1")));
            assertEquals("CHARGE_CANCELLED", refused.code(), "the void outlives the restart");

            Outcome<Cancellation> retried = restarted.cancel("cancel-2", new NewCancellation("order-2"));
            assertTrue(retried.replayed());
            assertEquals(refunded, retried.value());
            ProblemException reused = assertThrows(ProblemException.class,
                    () -> restarted.cancel("cancel-2", new NewCancellation("order-3")));
            assertEquals("IDEMPOTENCY_KEY_REUSED", reused.code());
            assertEquals(before, restarted.summary(), "replays move no money");
        }
    }

    @Test
    void chargesRacingTheirCancellationsNeverLeaveMoneyCaptured() throws Exception {
        try (Ledger ledger = Ledger.open(dataDir)) {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String order = "order-" + i;
                calls.add(() -> {
                    try {
                        retryWhileInFlight(() -> ledger.charge(order, visa(100, order)));
                    } catch (ProblemException refused) {
                        assertEquals("CHARGE_CANCELLED", refused.code());
                    }
                    return null;
                });
                calls.add(() -> {
                    retryWhileInFlight(() -> ledger.cancel("cancel-" + order, new NewCancellation(order)));
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (Future<Void> call : pool.invokeAll(calls)) {
                    call.get();
                }
            } finally {
                pool.shutdown();
            }

            LedgerSummary summary = ledger.summary();
            assertEquals(0, summary.netCents(), "every charge that got through was refunded: " + summary);
            assertEquals(summary.charges(), summary.refunds());
        }
    }

    /** As a well-behaved client does: a 409 IDEMPOTENCY_KEY_IN_FLIGHT is retried, any other problem is the answer. */
    private static void retryWhileInFlight(Runnable call) throws InterruptedException {
        while (true) {
            try {
                call.run();
                return;
            } catch (ProblemException e) {
                if (!"IDEMPOTENCY_KEY_IN_FLIGHT".equals(e.code())) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private static NewCharge visa(long cents, String reference) {
        return new NewCharge(cents, "EUR", "pm_card_visa", reference);
    }
}
