import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What one operation costs the running stack: CPU milliseconds per placed order and per catalog read, for each
 * component (PostgreSQL, Kafka, Redis, Keycloak, Zipkin and the six applications), read from /proc, not latency.
 * <p>
 * The components are the processes that {@code ./shop up} registered in {@code <data dir>/run/<name>.pid} (pid and
 * start time; a pid file whose process has another start time is stale). A component's CPU time is the sum over its
 * whole process tree (PostgreSQL forks a backend per connection) of utime + stime + cutime + cstime from
 * {@code /proc/<pid>/stat}, in clock ticks: the children's fields keep the time of backends that ended. A subtree
 * that is itself a registered component (the launcher is the parent of the JVMs) counts for that component only;
 * the launcher ({@code ./shop up} itself) is not part of the shop and is left out.
 * <p>
 * Three phases, each between two readings of every component:
 * <ol>
 * <li>idle: nothing is sent for {@code -Didle} seconds; the idle rate (ms of CPU per second) of each component;</li>
 * <li>orders: customers place orders at {@code -Drate} orders/s for {@code -Dduration} seconds, one POST each with
 * a fresh Idempotency-Key and no polling, then the probe waits until every accepted order is terminal (order-service's
 * {@code shop_orders_finished_total}); cost per order = (CPU delta - idle rate x elapsed) / accepted orders;</li>
 * <li>reads: anonymous catalog reads at {@code -DreadRate} req/s for {@code -DreadDuration} seconds, three product
 * details (GET /api/v1/products/{id}) for one first page of 20 (GET /api/v1/products?limit=20); cost per read the
 * same way.</li>
 * </ol>
 * Tokens of the customers are fetched before the idle phase, so Keycloak's password hashing is not in any phase.
 * The probe is this one process, outside the stack: its own CPU is in no component.
 * <p>
 * Usage: java -DdataDir=.data -DbaseUrl=http://localhost:8080 -Dissuer=http://localhost:8180/realms/shop
 * -DclkTck=100 [-Didle=20 -Drate=4 -Dduration=60 -DreadRate=200 -DreadDuration=30 -Dcustomers=100]
 * load-tests/scripts/CostProbe.java [markdown file]
 */
public class CostProbe {

    /** Registry names in the order of the table, with the names readers know them by. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();
    static {
        COMPONENTS.put("postgres", "PostgreSQL");
        COMPONENTS.put("kafka", "Kafka");
        COMPONENTS.put("redis", "Redis");
        COMPONENTS.put("keycloak", "Keycloak");
        COMPONENTS.put("zipkin", "Zipkin");
        COMPONENTS.put("gateway", "gateway");
        COMPONENTS.put("user-service", "user-service");
        COMPONENTS.put("order-service", "order-service");
        COMPONENTS.put("payment-service", "payment-service");
        COMPONENTS.put("inventory-service", "inventory-service");
        COMPONENTS.put("psp-simulator", "psp-simulator");
    }
    private static final String LAUNCHER = "launcher";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Path DATA_DIR = Path.of(System.getProperty("dataDir", ".data"));
    private static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
    private static final String ISSUER = System.getProperty("issuer", "http://localhost:8180/realms/shop");
    private static final long CLOCK_TICKS = Long.getLong("clkTck", 100);
    private static final int IDLE_SECONDS = Integer.getInteger("idle", 20);
    private static final double ORDER_RATE = Double.parseDouble(System.getProperty("rate", "4"));
    private static final int ORDER_SECONDS = Integer.getInteger("duration", 60);
    private static final double READ_RATE = Double.parseDouble(System.getProperty("readRate", "200"));
    private static final int READ_SECONDS = Integer.getInteger("readDuration", 30);
    private static final int CUSTOMERS = Integer.getInteger("customers", 100);
    /** How long the sagas of the last orders may take before the probe measures without them. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(180);

    public static void main(String[] args) throws Exception {
        Map<String, Long> roots = components();
        System.out.println("Components of the stack in " + DATA_DIR + " (root pids): " + roots);
        List<String> products = productsWithStock();
        List<String> tokens = customerTokens();
        String orderService = service(2);

        Thread.sleep(5000); // Keycloak's work for the tokens (hashing, then its GC) stays out of the idle phase
        System.out.printf("== idle: %d s, nothing sent%n", IDLE_SECONDS);
        Reading idleStart = Reading.of(roots);
        Thread.sleep(IDLE_SECONDS * 1000L);
        Reading idleEnd = Reading.of(roots);

        System.out.printf("== orders: %.1f orders/s for %d s, one POST each, no polling (%d customers, %d products)%n",
                ORDER_RATE, ORDER_SECONDS, tokens.size(), products.size());
        Map<String, Double> finishedBefore = finishedOrders(orderService);
        Reading ordersStart = Reading.of(roots);
        Load orders = Load.run(ORDER_RATE, ORDER_SECONDS, i -> placeOrder(tokens.get(i % tokens.size()),
                products.get(i % products.size())));
        long accepted = orders.count(201);
        Duration settled = awaitSagas(orderService, finishedBefore, accepted);
        Thread.sleep(2000); // the last events after an order's terminal state (stock committed, outbox rows marked)
        Reading ordersEnd = Reading.of(roots);
        Map<String, Double> finishedAfter = finishedOrders(orderService);

        System.out.printf("== reads: %.0f req/s for %d s, anonymous (3 product details : 1 first page)%n",
                READ_RATE, READ_SECONDS);
        Thread.sleep(3000);
        Reading readsStart = Reading.of(roots);
        Load reads = Load.run(READ_RATE, READ_SECONDS, i -> read(i, products));
        Thread.sleep(2000);
        Reading readsEnd = Reading.of(roots);

        Report report = new Report(roots.keySet(), idleStart, idleEnd, ordersStart, ordersEnd, readsStart, readsEnd,
                accepted, reads.count(200));
        String confirmed = outcome(finishedBefore, finishedAfter, "CONFIRMED");
        String cancelled = outcome(finishedBefore, finishedAfter, "CANCELLED");
        long finished = Math.round(delta(finishedBefore, finishedAfter, ""));
        long unfinished = Math.max(0, accepted - finished); // orders of an earlier run may finish in this one
        List<String> notes = List.of(
                String.format(Locale.ROOT, "idle: %d s; orders: %d sent at %.1f/s for %d s, %d accepted (201, others: %s), "
                        + "orders finished meanwhile %d (CONFIRMED %s, CANCELLED %s), not terminal %d; sagas settled "
                        + "%.1f s after the last POST", IDLE_SECONDS, orders.sent(), ORDER_RATE, ORDER_SECONDS, accepted,
                        orders.others(201), finished, confirmed, cancelled, unfinished, settled.toMillis() / 1000.0),
                String.format(Locale.ROOT, "reads: %d sent at %.0f/s for %d s, %d answered 200 (others: %s)",
                        reads.sent(), READ_RATE, READ_SECONDS, reads.count(200), reads.others(200)),
                String.format(Locale.ROOT, "CPU: utime+stime (+ ended children) of each component's process tree "
                        + "from /proc, %d ticks/s; each phase minus its idle rate x its elapsed time (orders %.1f s, "
                        + "reads %.1f s)", CLOCK_TICKS, ordersEnd.secondsSince(ordersStart),
                        readsEnd.secondsSince(readsStart)));
        System.out.println();
        System.out.print(report.text());
        notes.forEach(note -> System.out.println("  " + note));
        if (args.length > 0) {
            String markdown = report.markdown() + System.lineSeparator()
                    + String.join(System.lineSeparator(), notes.stream().map(n -> "- " + n).toList())
                    + System.lineSeparator();
            Files.createDirectories(Path.of(args[0]).toAbsolutePath().getParent());
            Files.writeString(Path.of(args[0]), markdown);
            System.out.println("Markdown table: " + args[0]);
        }
        System.exit(unfinished == 0 && accepted > 0 && reads.count(200) > 0 ? 0 : 1);
    }

    // ---- the stack's processes and their CPU time -------------------------------------------------------------

    /** The root pid of every registered component whose process is alive and started when its pid file says. */
    static Map<String, Long> components() throws IOException {
        Path runDir = DATA_DIR.resolve("run");
        Map<String, Long> roots = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(COMPONENTS.keySet());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                if (!names.contains(name) && !name.equals(LAUNCHER)) {
                    names.add(name); // a component this table does not know yet still counts
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no stack registered in " + runDir + ": start it with ./shop up", e);
        }
        for (String name : names) {
            registered(runDir.resolve(name + ".pid")).ifPresent(pid -> roots.put(name, pid));
        }
        if (!roots.keySet().containsAll(COMPONENTS.keySet())) {
            List<String> missing = COMPONENTS.keySet().stream().filter(n -> !roots.containsKey(n)).toList();
            throw new IllegalStateException("not running (no live process in " + runDir + "): " + missing);
        }
        return roots;
    }

    /** As ProcessRegistry.find: the pid, if that process is alive and started within 2 s of the recorded time. */
    static Optional<Long> registered(Path pidFile) {
        try {
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> started == 0 || p.info().startInstant()
                            .map(s -> Math.abs(s.toEpochMilli() - started) < 2000).orElse(true))
                    .map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line of /proc/<pid>/stat: the parent and the CPU ticks of the process and of its ended children. */
    record Stat(long pid, long parent, long ticks) {

        static Optional<Stat> read(Path procDir) {
            try {
                String line = Files.readString(procDir.resolve("stat"));
                // the command name (field 2) may hold spaces and parentheses: the fields after it start at the last ')'
                String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
                // fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]);
                return Optional.of(new Stat(Long.parseLong(procDir.getFileName().toString()),
                        Long.parseLong(fields[1]), ticks));
            } catch (IOException | RuntimeException e) { // the process ended while /proc was read
                return Optional.empty();
            }
        }
    }

    /** The CPU ticks of every component's process tree at one moment. */
    record Reading(Instant at, Map<String, Long> ticks) {

        static Reading of(Map<String, Long> roots) throws IOException {
            Map<Long, Stat> all = new HashMap<>();
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    Stat.read(proc).ifPresent(stat -> all.put(stat.pid(), stat));
                }
            }
            Map<Long, List<Long>> children = new HashMap<>();
            all.values().forEach(stat -> children.computeIfAbsent(stat.parent(), p -> new ArrayList<>()).add(stat.pid()));
            Map<String, Long> ticks = new LinkedHashMap<>();
            for (Map.Entry<String, Long> root : roots.entrySet()) {
                if (!all.containsKey(root.getValue())) {
                    throw new IllegalStateException(root.getKey() + " (pid " + root.getValue() + ") ended during the run");
                }
                long sum = 0;
                List<Long> tree = new ArrayList<>(List.of(root.getValue()));
                while (!tree.isEmpty()) {
                    long pid = tree.remove(tree.size() - 1);
                    sum += all.get(pid).ticks();
                    for (long child : children.getOrDefault(pid, List.of())) {
                        if (!roots.containsValue(child) && all.containsKey(child)) { // another component's tree is its own
                            tree.add(child);
                        }
                    }
                }
                ticks.put(root.getKey(), sum);
            }
            return new Reading(Instant.now(), ticks);
        }

        double secondsSince(Reading start) {
            return Duration.between(start.at, at).toMillis() / 1000.0;
        }

        /** CPU milliseconds of {@code component} since {@code start}. */
        double cpuMillisSince(Reading start, String component) {
            return (ticks.get(component) - start.ticks.get(component)) * 1000.0 / CLOCK_TICKS;
        }
    }

    /** The table: idle rate, and each operation's CPU beyond the idle rate, per component and in total. */
    record Report(Iterable<String> components, Reading idleStart, Reading idleEnd, Reading ordersStart,
            Reading ordersEnd, Reading readsStart, Reading readsEnd, long orders, long reads) {

        List<double[]> rows() {
            List<double[]> rows = new ArrayList<>();
            double[] total = new double[3];
            for (String component : components) {
                double idle = idleEnd.cpuMillisSince(idleStart, component) / idleEnd.secondsSince(idleStart);
                double[] row = {idle, perOperation(component, idle, ordersStart, ordersEnd, orders),
                        perOperation(component, idle, readsStart, readsEnd, reads)};
                rows.add(row);
                IntStream.range(0, 3).forEach(i -> total[i] += row[i]);
            }
            rows.add(total);
            return rows;
        }

        static double perOperation(String component, double idleRate, Reading start, Reading end, long operations) {
            double busy = end.cpuMillisSince(start, component) - idleRate * end.secondsSince(start);
            return operations == 0 ? Double.NaN : busy / operations;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            components.forEach(c -> names.add(COMPONENTS.getOrDefault(c, c)));
            names.add("total");
            return names;
        }

        String text() {
            StringBuilder out = new StringBuilder(String.format("%-18s %12s %14s %13s%n", "component", "idle ms/s",
                    "ms per order", "ms per read"));
            List<double[]> rows = rows();
            List<String> names = names();
            for (int i = 0; i < rows.size(); i++) {
                out.append(String.format(Locale.ROOT, "%-18s %12.2f %14.2f %13.3f%n", names.get(i), rows.get(i)[0],
                        rows.get(i)[1], rows.get(i)[2]));
            }
            return out.toString();
        }

        String markdown() {
            StringBuilder out = new StringBuilder("| component | idle ms/s | ms per order | ms per read |\n|---|---:|---:|---:|\n");
            List<double[]> rows = rows();
            List<String> names = names();
            for (int i = 0; i < rows.size(); i++) {
                String format = i == rows.size() - 1 ? "| **%s** | **%.2f** | **%.2f** | **%.3f** |%n" : "| %s | %.2f | %.2f | %.3f |%n";
                out.append(String.format(Locale.ROOT, format, names.get(i), rows.get(i)[0], rows.get(i)[1], rows.get(i)[2]));
            }
            return out.toString();
        }
    }

    // ---- the load: a steady rate, no polling ------------------------------------------------------------------

    /** Requests sent at a fixed rate by one scheduler thread, answered asynchronously; their status codes. */
    record Load(int sent, Map<Integer, AtomicInteger> statuses) {

        static Load run(double rate, int seconds, IntFunction<CompletableFuture<Integer>> request) throws Exception {
            int total = (int) Math.round(rate * seconds);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<CompletableFuture<?>> answers = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            scheduler.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < total) {
                    answers.add(request.apply(i)
                            .exceptionally(e -> -1) // no answer (timeout, refused): counted as status -1
                            .thenAccept(status -> statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet()));
                }
            }, 0, Math.round(1_000_000_000 / rate), TimeUnit.NANOSECONDS);
            while (next.get() < total) {
                Thread.sleep(100);
            }
            scheduler.shutdownNow();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            return new Load(total, statuses);
        }

        long count(int status) {
            AtomicInteger count = statuses.get(status);
            return count == null ? 0 : count.get();
        }

        String others(int expected) {
            return statuses.entrySet().stream().filter(e -> e.getKey() != expected)
                    .map(e -> e.getValue().get() + " x " + (e.getKey() < 0 ? "no answer" : e.getKey())).sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("none");
        }
    }

    static CompletableFuture<Integer> placeOrder(String token, String productId) {
        String body = "{\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":1}],\"paymentMethod\":\"pm_card_visa\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + "/api/v1/orders")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    static CompletableFuture<Integer> read(int i, List<String> products) {
        String path = i % 4 == 3 ? "/api/v1/products?limit=20" : "/api/v1/products/" + products.get(i % products.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    // ---- before and after the load: products, tokens, the sagas' end -----------------------------------------

    /** The 20 products of the first 100 with the most stock (at least 200 each), so no order fails for stock. */
    static List<String> productsWithStock() throws Exception {
        String page = get(BASE_URL + "/api/v1/products?limit=100", "application/json");
        Matcher product = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"availableStock\"\\s*:\\s*(\\d+)").matcher(page);
        Map<String, Integer> stock = new HashMap<>();
        while (product.find()) {
            stock.put(product.group(1), Integer.parseInt(product.group(2)));
        }
        List<String> ids = stock.entrySet().stream().filter(e -> e.getValue() >= 200)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(20).map(Map.Entry::getKey).toList();
        if (ids.isEmpty()) {
            throw new IllegalStateException("no product with stock >= 200 on the first catalog page");
        }
        return ids;
    }

    /** Tokens of customer-0001 .. customer-N (password grant of shop-cli, as the Gatling suites), 4 at a time. */
    static List<String> customerTokens() throws Exception {
        Pattern token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> tokens = IntStream.rangeClosed(1, CUSTOMERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        String form = String.format("grant_type=password&client_id=shop-cli&username=customer-%04d"
                                + "&password=customer", i);
                        try {
                            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                    URI.create(ISSUER + "/protocol/openid-connect/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            Matcher m = token.matcher(response.body());
                            if (response.statusCode() != 200 || !m.find()) {
                                throw new IllegalStateException("no token for customer " + i + ": HTTP " + response.statusCode());
                            }
                            return m.group(1);
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException("Keycloak unreachable at " + ISSUER, e);
                        }
                    }, pool)).toList();
            return tokens.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits until order-service has finished (CONFIRMED or CANCELLED) as many orders as were accepted since
     * {@code before}, or until none finished for 15 s, at most {@link #SETTLE_LIMIT}; one metrics read a second.
     */
    static Duration awaitSagas(String orderService, Map<String, Double> before, long accepted) throws Exception {
        Instant start = Instant.now();
        double finished = -1;
        Instant lastProgress = start;
        while (Duration.between(start, Instant.now()).compareTo(SETTLE_LIMIT) < 0) {
            double now = delta(before, finishedOrders(orderService), "");
            if (now >= accepted) {
                break;
            }
            if (now != finished) {
                finished = now;
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).toSeconds() >= 15) {
                System.out.printf("   %.0f of %d orders finished, none in the last 15 s: measuring without the rest%n",
                        now, accepted);
                break;
            }
            Thread.sleep(1000);
        }
        return Duration.between(start, Instant.now());
    }

    /** order-service's shop_orders_finished_total by outcome (since it started). */
    static Map<String, Double> finishedOrders(String orderService) throws Exception {
        Map<String, Double> byOutcome = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^shop_orders_finished_total\\{[^}]*outcome=\"([A-Z_]+)\"[^}]*\\}\\s+([0-9.eE+-]+)")
                .matcher(get(orderService + "/q/metrics", "text/plain"));
        while (line.find()) {
            byOutcome.merge(line.group(1), Double.parseDouble(line.group(2)), Double::sum);
        }
        return byOutcome;
    }

    /** Orders finished between two metric reads with {@code outcome} ("" for all outcomes). */
    static double delta(Map<String, Double> before, Map<String, Double> after, String outcome) {
        return after.entrySet().stream().filter(e -> outcome.isEmpty() || e.getKey().equals(outcome))
                .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }

    static String outcome(Map<String, Double> before, Map<String, Double> after, String outcome) {
        return String.format(Locale.ROOT, "%.0f", delta(before, after, outcome));
    }

    /** The application {@code offset} ports above the gateway (8080 + 2 = order-service), as Summary.java. */
    static String service(int offset) {
        URI gateway = URI.create(BASE_URL);
        int port = gateway.getPort() < 0 ? 80 : gateway.getPort();
        return gateway.getScheme() + "://" + gateway.getHost() + ":" + (port + offset);
    }

    static String get(String url, String accept) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
