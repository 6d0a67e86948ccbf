package dev.shop.orders.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One step of an order's saga as the order saw it, e.g. STOCK_RESERVED at 10:15:30.123. */
@Embeddable
public class TimelineStep {

    @Column(nullable = false)
    private String step;

    @Column(nullable = false)
    private Instant at;

    private String detail;

    protected TimelineStep() {
    }

    TimelineStep(String step, Instant at, String detail) {
        this.step = step;
        this.at = at;
        this.detail = detail;
    }

    public String step() {
        return step;
    }

    public Instant at() {
        return at;
    }

    public String detail() {
        return detail;
    }
}
