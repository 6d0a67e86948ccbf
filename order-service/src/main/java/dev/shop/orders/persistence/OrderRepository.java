package dev.shop.orders.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import dev.shop.orders.domain.Order;
import dev.shop.orders.domain.OrderStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Orders in order-service's own database. Every change loads the order with a row lock first. */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    /** The order, locked until the end of the transaction: saga events and the customer never interleave. */
    public Optional<Order> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(Order.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * One page of a customer's orders, newest first (keyset pagination: stable while orders are added).
     *
     * @param after the last order of the previous page, or null for the first page
     */
    public List<Order> pageOf(String customerId, OrderStatus status, OrderCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("from Order o where o.customerId = :customer");
        if (status != null) {
            jpql.append(" and o.status = :status");
        }
        if (after != null) {
            jpql.append(" and (o.createdAt < :at or (o.createdAt = :at and o.id < :id))");
        }
        jpql.append(" order by o.createdAt desc, o.id desc");
        TypedQuery<Order> query = getEntityManager().createQuery(jpql.toString(), Order.class)
                .setParameter("customer", customerId)
                .setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (after != null) {
            query.setParameter("at", after.createdAt()).setParameter("id", after.id());
        }
        return query.getResultList();
    }

    /**
     * Open orders past their saga deadline, locked; rows another instance is already cancelling are skipped.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockOverdue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select id from orders
                where status in ('PENDING', 'STOCK_RESERVED') and deadline_at < :now
                order by deadline_at limit :limit for update skip locked
                """, UUID.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }
}
