package dev.shop.payments.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.shop.payments.domain.Payment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Payments in payment-service's own database. */
@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    public Optional<Payment> findByOrder(UUID orderId) {
        return find("orderId", orderId).firstResultOptional();
    }

    /** The order's payment, locked for the rest of the transaction (events and the processor never interleave). */
    public Optional<Payment> findByOrderForUpdate(UUID orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Payment findForUpdate(UUID id) {
        return getEntityManager().find(Payment.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Payments whose PSP call is due, locked; rows another processor holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<Payment> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from payment
                where status in ('PENDING', 'REFUND_PENDING') and next_attempt_at <= :now
                order by next_attempt_at limit :limit for update skip locked
                """, Payment.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    /**
     * Payments still waiting for their charge (AWAITING, or PENDING and not being cancelled) created before
     * {@code cutoff}, oldest first, locked; rows another transaction holds are skipped (index {@code payment_open}).
     */
    @SuppressWarnings("unchecked")
    public List<Payment> lockOpenCreatedBefore(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from payment
                where status in ('AWAITING', 'PENDING') and not cancel_requested and created_at < :cutoff
                order by created_at limit :limit for update skip locked
                """, Payment.class)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList();
    }
}
