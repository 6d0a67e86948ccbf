package dev.shop.psp.ledger;

import java.util.List;

/**
 * Money at the processor, in total and per reference (order), for the invariant checker:
 * {@code netCents} must equal the sum of CONFIRMED order totals once the system is quiet.
 * Amounts are summed across currencies; the shop charges in one currency.
 *
 * @param charges succeeded charges; declines are counted apart and move no money
 */
public record LedgerSummary(
        long capturedCents,
        long refundedCents,
        long netCents,
        long charges,
        long refunds,
        long declines,
        List<Entry> entries) {

    /** The same totals for one reference, sorted by reference in {@link LedgerSummary#entries}. */
    public record Entry(
            String reference,
            long capturedCents,
            long refundedCents,
            long netCents,
            long charges,
            long refunds,
            long declines) {
    }
}
