package dev.shop.psp.health;

import dev.shop.psp.service.CardProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once a journal write or fsync has failed: the simulator can no longer record money. */
@Readiness
@ApplicationScoped
public class JournalHealthCheck implements HealthCheck {

    private final CardProcessor processor;

    public JournalHealthCheck(CardProcessor processor) {
        this.processor = processor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("psp-journal").status(!processor.journalFailed()).build();
    }
}
