package dev.shop.platform.events;

/**
 * A service that takes part in the saga: it declares which events it reacts to and how, as a table
 * ({@link EventHandlers}); {@link EventRouter} does everything else (Kafka, envelope, trace, transaction, inbox,
 * retries, dead letters). Exactly one bean per service implements it.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class OrderSaga implements SagaParticipant {
 *     public EventHandlers handlers() {
 *         return EventHandlers.of("order-service")
 *                 .on("shop.payment.completed.v1", PaymentCompleted.class, this::paymentCompleted)
 *                 .on("shop.payment.failed.v1", PaymentFailed.class, this::paymentFailed);
 *     }
 *     ...
 * }
 * }</pre>
 */
public interface SagaParticipant {

    /** Called once at start-up. */
    EventHandlers handlers();
}
