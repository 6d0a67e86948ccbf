package dev.shop.stack.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shop.stack.StackPlan;

/**
 * Checks DESIGN.md section 5's invariants across the services' databases and the PSP ledger, once the system is
 * quiet (no saga running). Prints every violation and exits 1 if there is any, 0 otherwise. Run against the local
 * stack (after {@code ./shop up} and some traffic; reset the PSP's fault knobs first):
 *
 * <pre>
 * java -cp "$(cat infra/local-stack/target/launcher.classpath):infra/local-stack/target/classes" \
 *      dev.shop.stack.testing.InvariantChecker
 * # SHOP_CHECK_POSTGRES=jdbc:postgresql://127.0.0.1:15432/  SHOP_PSP_URL=http://127.0.0.1:8085 (defaults)
 * </pre>
 *
 * Checked:
 * <ol>
 * <li>every order is CONFIRMED or CANCELLED;</li>
 * <li>no stock reservation still holds stock; a CONFIRMED order's reservation is committed (sold) and only theirs;</li>
 * <li>a CONFIRMED order has a CAPTURED payment of its total; a CANCELLED one has none that keeps money
 *     (DECLINED, REFUNDED, CANCELLED or no payment);</li>
 * <li>at the PSP, per order: net captured = its total if CONFIRMED, else 0; at most one succeeded charge;
 *     overall net captured = sum of CONFIRMED totals;</li>
 * <li>no product's available stock is negative. (initial + restocks = available + sold needs a stock ledger that
 *     inventory does not keep yet: an admin's PUT /stock overwrites the count.)</li>
 * </ol>
 * Uniqueness of orders, payments and reservations per order is enforced by primary and unique keys.
 */
public final class InvariantChecker {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ENTRY = Pattern.compile("\\{[^{}]*\"reference\"[^{}]*}");

    private InvariantChecker() {
    }

    public static void main(String[] args) {
        String postgres = System.getenv().getOrDefault("SHOP_CHECK_POSTGRES", "jdbc:postgresql://127.0.0.1:15432/");
        String psp = System.getenv().getOrDefault("SHOP_PSP_URL", "http://127.0.0.1:8085");
        List<String> violations;
        try {
            violations = check(database -> postgres + database, StackPlan::databasePassword, psp);
        } catch (RuntimeException unreachable) {
            Throwable cause = unreachable;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("Cannot check the invariants: " + cause.getMessage()
                    + System.lineSeparator() + "Is the stack running (./shop up)? PostgreSQL " + postgres + ", PSP " + psp);
            System.exit(2);
            return;
        }
        if (violations.isEmpty()) {
            System.out.println("invariants hold");
            return;
        }
        violations.forEach(violation -> System.out.println("VIOLATION: " + violation));
        System.exit(1);
    }

    /**
     * @param jdbcUrl  the JDBC URL of a service's database by name (orders, inventory, payments); role = name
     * @param password the password of a database's role
     * @return every violation found, empty when all invariants hold
     */
    public static List<String> check(Function<String, String> jdbcUrl, Function<String, String> password,
            String pspUrl) {
        List<String> violations = new ArrayList<>();
        Map<String, Object[]> orders = rows(jdbcUrl, password, "orders",
                "select id::text, status, total_cents from orders");
        Map<String, Object[]> reservations = rows(jdbcUrl, password, "inventory",
                "select order_id::text, status from stock_reservation");
        Map<String, Object[]> payments = rows(jdbcUrl, password, "payments",
                "select order_id::text, status, amount_cents from payment");
        Map<String, Object[]> negative = rows(jdbcUrl, password, "inventory",
                "select id::text, available_stock from products where available_stock < 0");
        negative.keySet().forEach(id -> violations.add("product " + id + " has negative stock"));

        long confirmedTotal = 0;
        for (Map.Entry<String, Object[]> order : orders.entrySet()) {
            String id = order.getKey();
            String status = (String) order.getValue()[1];
            long total = ((Number) order.getValue()[2]).longValue();
            Object[] reservation = reservations.get(id);
            Object[] payment = payments.get(id);
            String reservationStatus = reservation == null ? "none" : (String) reservation[1];
            String paymentStatus = payment == null ? "none" : (String) payment[1];
            switch (status) {
                case "CONFIRMED" -> {
                    confirmedTotal += total;
                    if (!"COMMITTED".equals(reservationStatus)) {
                        violations.add("order " + id + " is CONFIRMED but its reservation is " + reservationStatus);
                    }
                    if (!"CAPTURED".equals(paymentStatus)) {
                        violations.add("order " + id + " is CONFIRMED but its payment is " + paymentStatus);
                    } else if (((Number) payment[2]).longValue() != total) {
                        violations.add("order " + id + " totals " + total + " but its payment captured " + payment[2]);
                    }
                }
                case "CANCELLED" -> {
                    if (List.of("RESERVED", "COMMITTED").contains(reservationStatus)) {
                        violations.add("order " + id + " is CANCELLED but its reservation is " + reservationStatus);
                    }
                    if (!List.of("none", "DECLINED", "REFUNDED", "CANCELLED").contains(paymentStatus)) {
                        violations.add("order " + id + " is CANCELLED but its payment is " + paymentStatus);
                    }
                }
                default -> violations.add("order " + id + " is still " + status + " (saga not finished)");
            }
        }
        reservations.forEach((orderId, reservation) -> {
            if ("RESERVED".equals(reservation[1])) {
                violations.add("reservation of order " + orderId + " still holds stock");
            }
            if ("COMMITTED".equals(reservation[1]) && (orders.get(orderId) == null
                    || !"CONFIRMED".equals(orders.get(orderId)[1]))) {
                violations.add("reservation of order " + orderId + " is COMMITTED but the order is not CONFIRMED");
            }
        });

        String ledger = get(pspUrl + "/v1/ledger");
        long netAtPsp = 0;
        Matcher entries = ENTRY.matcher(ledger);
        while (entries.find()) {
            String entry = entries.group();
            String reference = text(entry, "reference");
            long net = number(entry, "netCents");
            long charges = number(entry, "charges");
            netAtPsp += net;
            Object[] order = orders.get(reference);
            long expected = order != null && "CONFIRMED".equals(order[1]) ? ((Number) order[2]).longValue() : 0;
            if (net != expected) {
                violations.add("PSP holds " + net + " cents net for order " + reference + ", expected " + expected);
            }
            if (charges > 1) {
                violations.add("PSP has " + charges + " succeeded charges for order " + reference);
            }
        }
        if (netAtPsp != confirmedTotal) {
            violations.add("PSP net captured " + netAtPsp + " cents, CONFIRMED orders total " + confirmedTotal);
        }
        return violations;
    }

    private static Map<String, Object[]> rows(Function<String, String> jdbcUrl, Function<String, String> password,
            String database, String sql) {
        Map<String, Object[]> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl.apply(database), database,
                password.apply(database));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.put((String) row[0], row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode()
                        + " (reset the PSP's fault knobs before checking)");
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
