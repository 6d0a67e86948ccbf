package dev.shop.payments.client;

import java.util.Locale;

/** The calls payment-service makes to the PSP, as named in its metrics and logs. */
public enum PspOperation {
    CHARGE,
    REFUND,
    CANCELLATION;

    /** The lower-case name, e.g. the {@code operation} tag of a metric. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
