package dev.shop.psp.rest;

/** OpenAPI examples, kept together so the contract reads like documentation. */
final class Examples {

    private Examples() {
    }

    static final String CHARGE_REQUEST = """
            {"amountCents": 1299, "currency": "EUR", "paymentMethod": "pm_card_visa",
             "reference": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10"}""";

    static final String CHARGE_SUCCEEDED = """
            {"id": "ch_3f0c2d8a9b7e4c1d8e2f6a5b4c3d2e1f", "status": "succeeded", "amountCents": 1299,
             "currency": "EUR", "paymentMethod": "pm_card_visa", "reference": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10",
             "amountRefundedCents": 0, "failureCode": null, "declineCode": null,
             "createdAt": "2026-11-22T10:15:30.123Z"}""";

    static final String CARD_DECLINED = """
            {"type": "https://shop.dev/problems/card-declined", "title": "Card declined", "status": 402,
             "detail": "The card was declined.", "instance": "/v1/charges", "code": "CARD_DECLINED",
             "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "declineCode": "generic_decline",
             "charge": "ch_9a1b2c3d4e5f60718293a4b5c6d7e8f9"}""";

    static final String INSUFFICIENT_FUNDS = """
            {"type": "https://shop.dev/problems/insufficient-funds", "title": "Insufficient funds", "status": 402,
             "detail": "The card has insufficient funds to complete the purchase.", "instance": "/v1/charges",
             "code": "INSUFFICIENT_FUNDS", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
             "declineCode": "insufficient_funds", "charge": "ch_0f1e2d3c4b5a69788796a5b4c3d2e1f0"}""";

    static final String PSP_UNAVAILABLE = """
            {"type": "https://shop.dev/problems/psp-unavailable", "title": "Card processor unavailable", "status": 503,
             "detail": "The card processor is down (simulated outage). Nothing was done; retry later.",
             "instance": "/v1/charges", "code": "PSP_UNAVAILABLE", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String CHARGE_LIST = """
            {"items": [""" + CHARGE_SUCCEEDED + "]}";

    static final String REFUND_REQUEST = """
            {"charge": "ch_3f0c2d8a9b7e4c1d8e2f6a5b4c3d2e1f"}""";

    static final String REFUND = """
            {"id": "re_7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a21", "charge": "ch_3f0c2d8a9b7e4c1d8e2f6a5b4c3d2e1f",
             "reference": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10", "amountCents": 1299, "currency": "EUR",
             "status": "succeeded", "createdAt": "2026-11-22T10:20:00.456Z"}""";

    static final String CHARGE_CANCELLED = """
            {"type": "https://shop.dev/problems/charge-cancelled", "title": "Charge cancelled", "status": 409,
             "detail": "A cancellation voided this Idempotency-Key before any charge was made with it; nothing was charged.",
             "instance": "/v1/charges", "code": "CHARGE_CANCELLED", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String CANCELLATION_REQUEST = """
            {"chargeIdempotencyKey": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10"}""";

    static final String CANCELLATION_VOIDED = """
            {"id": "cn_5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a", "chargeIdempotencyKey": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10",
             "status": "voided", "charge": null, "refund": null, "amountRefundedCents": 0,
             "createdAt": "2026-11-22T10:15:33.789Z"}""";

    static final String CANCELLATION_REFUNDED = """
            {"id": "cn_6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b", "chargeIdempotencyKey": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10",
             "status": "refunded", "charge": "ch_3f0c2d8a9b7e4c1d8e2f6a5b4c3d2e1f",
             "refund": "re_7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a21", "amountRefundedCents": 1299,
             "createdAt": "2026-11-22T10:20:00.456Z"}""";

    static final String CANCELLATION_NOTHING_TO_CANCEL = """
            {"id": "cn_7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c", "chargeIdempotencyKey": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10",
             "status": "nothing_to_cancel", "charge": "ch_9a1b2c3d4e5f60718293a4b5c6d7e8f9", "refund": null,
             "amountRefundedCents": 0, "createdAt": "2026-11-22T10:20:00.456Z"}""";

    static final String LEDGER = """
            {"capturedCents": 3897, "refundedCents": 1299, "netCents": 2598, "charges": 3, "refunds": 1, "declines": 1,
             "entries": [{"reference": "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10", "capturedCents": 1299,
                          "refundedCents": 1299, "netCents": 0, "charges": 1, "refunds": 1, "declines": 0}]}""";

    static final String FAULTS = """
            {"latencyMs": 200, "errorRate": 0.3, "outage": false, "badRequest": false, "approvalWithoutId": false}""";
}
