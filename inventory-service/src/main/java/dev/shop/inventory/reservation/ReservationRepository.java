package dev.shop.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/** Reads of stock reservations that need more than {@code find}. */
@ApplicationScoped
public class ReservationRepository {

    private final EntityManager em;

    ReservationRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The reservation, its row locked until the end of the transaction: decisions about one order never interleave.
     * <p>
     * The row is locked by a plain {@code select ... for update} first, then the reservation is loaded, so the load
     * reads what the transaction before left. Hibernate's own {@code find(..., PESSIMISTIC_WRITE)} chooses by the
     * entity's mapping whether it locks in the loading statement or loads first and locks in follow-on statements;
     * in the second case a transaction that waited for another's lock goes on with the entity as it was before that
     * other one changed it, and fails at its update (as order-service's orders did, see its OrderRepository).
     */
    Optional<StockReservation> findForUpdate(UUID orderId) {
        List<?> locked = em.createNativeQuery("select order_id from stock_reservation where order_id = ?1 for update")
                .setParameter(1, orderId)
                .unwrap(NativeQuery.class)
                // A reservation made earlier in this transaction (an earlier event of the same batch) is written first.
                .addSynchronizedEntityClass(StockReservation.class)
                .getResultList();
        return locked.isEmpty() ? Optional.empty() : Optional.of(em.find(StockReservation.class, orderId));
    }

    /** Up to {@code limit} orders whose reservation was made before {@code cutoff} and is still RESERVED, oldest first. */
    List<UUID> reservedBefore(Instant cutoff, int limit) {
        return em.createNativeQuery("""
                select order_id from stock_reservation
                where status = 'RESERVED' and created_at < ?1
                order by created_at limit ?2
                """, UUID.class)
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList();
    }
}
