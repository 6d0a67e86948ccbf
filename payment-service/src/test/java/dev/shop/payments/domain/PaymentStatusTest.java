package dev.shop.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PaymentStatusTest {

    @Test
    void thePspIsCalledOnlyForAChargeOrARefundStillToBeMade() {
        List<PaymentStatus> due = Arrays.stream(PaymentStatus.values()).filter(PaymentStatus::isDue).toList();

        assertEquals(List.of(PaymentStatus.PENDING, PaymentStatus.REFUND_PENDING), due);
    }
}
