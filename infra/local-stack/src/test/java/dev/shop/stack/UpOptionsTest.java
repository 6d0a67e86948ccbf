package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class UpOptionsTest {

    @Test
    void withoutTakesCommaSeparatedApplicationsInBothForms() {
        UpOptions options = UpOptions.parse(List.of("--without", "order-service,gateway", "--reset",
                "--without=user-service"));

        assertEquals(new UpOptions(true, List.of("order-service", "gateway", "user-service")), options);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThrows(UsageException.class, () -> UpOptions.parse(List.of("--bogus")));
        assertThrows(UsageException.class, () -> UpOptions.parse(List.of("--without")));
    }
}
