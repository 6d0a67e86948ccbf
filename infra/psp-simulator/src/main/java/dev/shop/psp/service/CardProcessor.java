package dev.shop.psp.service;

import dev.shop.platform.problem.ProblemException;
import dev.shop.psp.config.PspConfig;
import dev.shop.psp.ledger.Cancellation;
import dev.shop.psp.ledger.Charge;
import dev.shop.psp.ledger.Ledger;
import dev.shop.psp.ledger.LedgerSummary;
import dev.shop.psp.ledger.NewCancellation;
import dev.shop.psp.ledger.NewCharge;
import dev.shop.psp.ledger.NewRefund;
import dev.shop.psp.ledger.Outcome;
import dev.shop.psp.ledger.Refund;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The simulated processor's use cases: owns the {@link Ledger} (replayed from its journal at
 * start-up) and counts what happens. Idempotent replays are counted apart: they move no money.
 */
@Startup
@ApplicationScoped
public class CardProcessor {

    private static final Logger LOG = Logger.getLogger(CardProcessor.class);

    private final Ledger ledger;
    private final MeterRegistry registry;
    private final Counter refunds;
    private final Counter capturedCents;
    private final Counter refundedCents;

    public CardProcessor(PspConfig config, MeterRegistry registry) {
        this.ledger = Ledger.open(Path.of(config.dataDir()));
        this.registry = registry;
        this.refunds = Counter.builder("psp.refunds").description("Refunds made (replays excluded)").register(registry);
        this.capturedCents = Counter.builder("psp.captured.cents").description("Money captured, in minor units").register(registry);
        this.refundedCents = Counter.builder("psp.refunded.cents").description("Money refunded, in minor units").register(registry);
        LedgerSummary summary = ledger.summary();
        LOG.infof("PSP simulator ledger opened in %s: %d charges, %d declines, %d refunds, net %d cents",
                config.dataDir(), summary.charges(), summary.declines(), summary.refunds(), summary.netCents());
    }

    public Outcome<Charge> charge(String idempotencyKey, NewCharge request) {
        Outcome<Charge> outcome;
        try {
            outcome = ledger.charge(idempotencyKey, request);
        } catch (ProblemException refused) {
            registry.counter("psp.charges.refused", "code", refused.code()).increment();
            throw refused;
        }
        if (outcome.replayed()) {
            replayed("charge");
        } else {
            Charge charge = outcome.value();
            String result = charge.succeeded() ? "succeeded" : charge.failureCode().toLowerCase(Locale.ROOT);
            registry.counter("psp.charges", "outcome", result).increment();
            if (charge.succeeded()) {
                capturedCents.increment(charge.amountCents());
            }
        }
        return outcome;
    }

    public Outcome<Refund> refund(String idempotencyKey, NewRefund request) {
        Outcome<Refund> outcome = ledger.refund(idempotencyKey, request);
        if (outcome.replayed()) {
            replayed("refund");
        } else {
            refunds.increment();
            refundedCents.increment(outcome.value().amountCents());
        }
        return outcome;
    }

    public Outcome<Cancellation> cancel(String idempotencyKey, NewCancellation request) {
        Outcome<Cancellation> outcome = ledger.cancel(idempotencyKey, request);
        if (outcome.replayed()) {
            replayed("cancellation");
        } else {
            Cancellation cancellation = outcome.value();
            registry.counter("psp.cancellations", "outcome", cancellation.status().name().toLowerCase(Locale.ROOT))
                    .increment();
            if (cancellation.refund() != null) {
                refunds.increment();
                refundedCents.increment(cancellation.amountRefundedCents());
            }
        }
        return outcome;
    }

    public Optional<Charge> findCharge(String id) {
        return ledger.findCharge(id);
    }

    public List<Charge> chargesFor(String reference) {
        return ledger.chargesFor(reference);
    }

    public LedgerSummary summary() {
        return ledger.summary();
    }

    public boolean journalFailed() {
        return ledger.journalFailed();
    }

    @PreDestroy
    void close() {
        ledger.close();
    }

    private void replayed(String operation) {
        registry.counter("psp.idempotent.replays", "operation", operation).increment();
    }
}
