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
import dev.shop.stack.StackSettings;

/**
 * Checks docs/design.md section 5's invariants across the services' databases and the PSP ledger, once the system is
 * quiet (no saga running). Prints every violation and exits 1 if there is any, 0 otherwise. Run against the local
 * stack (after {@code ./shop up} and some traffic; reset the PSP's fault knobs first):
 *
 * <pre>
 * java -cp "$(cat infra/local-stack/target/launcher.classpath):infra/local-stack/target/classes" \
 *      dev.shop.stack.testing.InvariantChecker
 * # SHOP_CHECK_POSTGRES=jdbc:postgresql://127.0.0.1:15432/  SHOP_PSP_URL=http://127.0.0.1:8085 (defaults, moved by
 * # SHOP_PORT_OFFSET like the stack's ports)
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
 * <li>per product, from inventory's stock ledger ({@code stock_movement}, one movement per change of stock): the
 *     movements sum to the available stock, which is never negative; and what was stocked (the INITIAL and
 *     ADMIN_SET movements: initial stock + restocks) = available + held (lines of RESERVED reservations) + sold
 *     (lines of COMMITTED ones). The first catches a change of stock that bypassed the ledger, the second an
 *     oversell, a lost release (reservation released, units not given back) and a double release. {@link #checkStock}
 *     runs this part alone, against the inventory database.</li>
 * </ol>
 * Uniqueness of orders, payments and reservations per order is enforced by primary and unique keys.
 */
public final class InvariantChecker {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ENTRY = Pattern.compile("\\{[^{}]*\"reference\"[^{}]*}");
    /** Per product whose numbers do not add up: available, ledger sum, stocked, held, sold. */
    private static final String STOCK_BALANCES = """
            with ledger as (
                select product_id, sum(delta) as total,
                       coalesce(sum(delta) filter (where reason in ('INITIAL', 'ADMIN_SET')), 0) as stocked
                from stock_movement group by product_id),
            reserved as (
                select l.product_id,
                       coalesce(sum(l.quantity) filter (where r.status = 'RESERVED'), 0) as held,
                       coalesce(sum(l.quantity) filter (where r.status = 'COMMITTED'), 0) as sold
                from stock_reservation_line l join stock_reservation r on r.order_id = l.order_id
                group by l.product_id),
            balances as (
                select p.id::text as product, p.available_stock as available, coalesce(ledger.total, 0) as ledger,
                       coalesce(ledger.stocked, 0) as stocked, coalesce(reserved.held, 0) as held,
                       coalesce(reserved.sold, 0) as sold
                from products p
                left join ledger on ledger.product_id = p.id
                left join reserved on reserved.product_id = p.id)
            select product, available, ledger, stocked, held, sold from balances
            where available < 0 or available <> ledger or available + held + sold <> stocked""";

    private InvariantChecker() {
    }

    public static void main(String[] args) {
        int offset = Integer.parseInt(System.getenv().getOrDefault("SHOP_PORT_OFFSET", "0"));
        String postgres = System.getenv().getOrDefault("SHOP_CHECK_POSTGRES",
                "jdbc:postgresql://127.0.0.1:" + (StackSettings.POSTGRES + offset) + "/");
        String psp = System.getenv().getOrDefault("SHOP_PSP_URL",
                "http://127.0.0.1:" + (StackSettings.PSP_SIMULATOR + offset));
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
        violations.addAll(checkStock(jdbcUrl, password));

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

    /**
     * The stock part of the invariants, read from the inventory database alone (see the class comment).
     *
     * @param jdbcUrl  the JDBC URL of a service's database by name; only {@code inventory} is read
     * @param password the password of a database's role
     * @return what does not add up, per product with its numbers; empty when every product's stock does
     */
    public static List<String> checkStock(Function<String, String> jdbcUrl, Function<String, String> password) {
        List<String> violations = new ArrayList<>();
        rows(jdbcUrl, password, "inventory", STOCK_BALANCES).forEach((product, row) -> {
            long available = ((Number) row[1]).longValue();
            long ledger = ((Number) row[2]).longValue();
            long stocked = ((Number) row[3]).longValue();
            long held = ((Number) row[4]).longValue();
            long sold = ((Number) row[5]).longValue();
            if (available < 0) {
                violations.add("product " + product + " has negative stock: available " + available);
            }
            if (ledger != available) {
                violations.add("product " + product + ": available " + available + " but its stock movements sum to "
                        + ledger + " (a change of stock bypassed the ledger)");
            }
            long accounted = available + held + sold;
            if (accounted != stocked) {
                String likely = accounted > stocked ? "oversold or released twice"
                        : "units lost, e.g. a release that did not give them back";
                violations.add("product " + product + ": stocked " + stocked + " (initial + admin sets) but available "
                        + available + " + held " + held + " + sold " + sold + " = " + accounted + " (" + likely + ")");
            }
        });
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
