package dev.shop.inventory.reservation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.shop.inventory.persistence.ProductRepository;
import dev.shop.inventory.service.StockService;
import dev.shop.platform.outbox.Outbox;

/**
 * Inventory's part of the saga. Reserving is all or nothing and never oversells, whatever runs concurrently:
 * the order's product rows are locked in one fixed order ({@link ProductRepository#LOCK_ORDER}, so two orders never
 * deadlock), availability is checked for every line, and only then is each line taken with {@link StockService#take}
 * (a conditional UPDATE that records a RESERVED movement in the stock ledger and invalidates the product cache after
 * commit). A release or an expiry locks the reservation's row, then gives the units back with RELEASED movements,
 * product by product in that same order; a commit changes no product row and locks only the reservation's. Each
 * method runs in the caller's transaction, which also holds the inbox row (or the expiry's work) and the outbox event.
 */
@ApplicationScoped
public class StockReservations {

    private static final Logger LOG = Logger.getLogger(StockReservations.class);

    @Inject
    EntityManager em;

    @Inject
    ReservationRepository reservations;

    @Inject
    ProductRepository products;

    @Inject
    StockService stock;

    @Inject
    Outbox outbox;

    /** OrderCreated: reserve every line, or none and say which products fell short. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reserve(UUID orderId, List<ReservationEvents.Line> requested) {
        if (em.find(StockReservation.class, orderId) != null) {
            return; // decided before (or cancelled before it arrived)
        }
        Instant now = now();
        Map<UUID, Integer> wanted = new HashMap<>();
        requested.forEach(line -> wanted.merge(line.productId(), line.quantity(), Integer::sum));
        List<UUID> ids = wanted.keySet().stream().sorted(ProductRepository.LOCK_ORDER).toList();
        Map<UUID, Integer> available = products.lockInIdOrder(ids);
        List<UUID> short_ = ids.stream()
                .filter(id -> available.getOrDefault(id, 0) < wanted.get(id))
                .toList();
        if (!short_.isEmpty() || wanted.values().stream().anyMatch(q -> q <= 0)) {
            em.persist(StockReservation.rejected(orderId, now));
            outbox.append(ReservationEvents.TOPIC, orderId, ReservationEvents.STOCK_REJECTED,
                    new ReservationEvents.StockRejected(orderId, short_));
            return;
        }
        List<ReservationLine> lines = new ArrayList<>();
        for (UUID id : ids) {
            if (!stock.take(id, wanted.get(id), orderId)) {
                // Cannot happen while the rows are locked; failing rolls everything back and the event is retried.
                throw new IllegalStateException("stock of " + id + " changed under a row lock");
            }
            lines.add(new ReservationLine(id, wanted.get(id)));
        }
        em.persist(StockReservation.reserved(orderId, lines, now));
        outbox.append(ReservationEvents.TOPIC, orderId, ReservationEvents.STOCK_RESERVED,
                new ReservationEvents.StockReserved(orderId, toEventLines(lines)));
    }

    /** OrderConfirmed: the held units are sold. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commit(UUID orderId) {
        StockReservation reservation = reservations.findForUpdate(orderId).orElse(null);
        if (reservation == null || !reservation.commit(now())) {
            if (reservation != null && reservation.status() == ReservationStatus.EXPIRED) {
                // Its units went back on the shelf when it expired; they are not taken a second time.
                LOG.warnf("order %s confirmed after its reservation expired: no units are held for it", orderId);
            } else {
                LOG.debugf("order %s confirmed: no open reservation to commit", orderId);
            }
            return;
        }
        outbox.append(ReservationEvents.TOPIC, orderId, ReservationEvents.STOCK_COMMITTED,
                new ReservationEvents.StockCommitted(orderId, toEventLines(reservation.lines())));
    }

    /** OrderCancelled: the held units go back on the shelf. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID orderId) {
        Instant now = now();
        StockReservation reservation = reservations.findForUpdate(orderId).orElse(null);
        if (reservation == null) {
            em.persist(StockReservation.releasedBeforeReserved(orderId, now));
            return;
        }
        if (reservation.release(now)) { // else rejected, already released or expired, or (never when cancellable) committed
            giveBack(reservation);
        }
    }

    /**
     * Neither confirmed nor cancelled in time ({@link ReservationExpiry}): the held units go back on the shelf as a
     * cancel would give them back, StockReleased included.
     *
     * @return true if it expired now; false if it was decided meanwhile (or is unknown)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean expire(UUID orderId) {
        StockReservation reservation = reservations.findForUpdate(orderId).orElse(null);
        if (reservation == null || !reservation.expire(now())) {
            return false;
        }
        giveBack(reservation);
        return true;
    }

    private void giveBack(StockReservation reservation) {
        UUID orderId = reservation.orderId();
        reservation.lines().stream()
                .sorted(Comparator.comparing(ReservationLine::productId, ProductRepository.LOCK_ORDER))
                .forEach(line -> stock.putBack(line.productId(), line.quantity(), orderId));
        outbox.append(ReservationEvents.TOPIC, orderId, ReservationEvents.STOCK_RELEASED,
                new ReservationEvents.StockReleased(orderId, toEventLines(reservation.lines())));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<ReservationEvents.Line> toEventLines(List<ReservationLine> lines) {
        return lines.stream().map(l -> new ReservationEvents.Line(l.productId(), l.quantity())).toList();
    }
}
