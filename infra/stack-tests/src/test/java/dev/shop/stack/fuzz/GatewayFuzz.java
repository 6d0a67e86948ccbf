package dev.shop.stack.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fuzz suite: sends mutated requests to every public endpoint through the gateway of a running stack and
 * checks the contract of docs/design.md section 4 on each answer: never a status of 500 or more for bad input,
 * and every 4xx is {@code application/problem+json} with {@code type}, {@code title} and {@code status}.
 * <p>
 * Request number i of a run depends only on the seed and i (plus the ids and tokens of {@link Fixtures}), so
 * a failure printed with its seed and number is made again by the same seed. Requests go out from
 * {@code concurrency} threads, each sending one at a time.
 */
public final class GatewayFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than the longest long poll a request can ask for (Prefer: wait=30) plus the gateway's timeout. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String gateway;
    private final long seed;
    private final HttpClient http;
    private final Fixtures fixtures;
    private final FuzzReport report;

    private GatewayFuzz(String gateway, String issuer, long seed) {
        this.gateway = gateway;
        this.seed = seed;
        this.http = newClient();
        this.fixtures = Fixtures.create(gateway, issuer, http);
        this.report = new FuzzReport(seed, gateway);
    }

    /**
     * @param gateway     e.g. {@code http://127.0.0.1:8080}
     * @param issuer      the stack's Keycloak realm, e.g. {@code http://localhost:8180/realms/shop}
     * @param progressEvery how often a progress line is printed to {@code out}
     */
    public static FuzzReport run(String gateway, String issuer, long requests, int concurrency, long seed,
            Duration progressEvery, PrintStream out) throws InterruptedException {
        out.printf("[fuzz] %,d requests through %s, %d at a time, seed %d (-Dfuzz.seed=%d makes the same requests)%n",
                requests, gateway, concurrency, seed, seed);
        GatewayFuzz fuzz = new GatewayFuzz(gateway, issuer, seed);
        AtomicLong next = new AtomicLong();
        AtomicReference<RuntimeException> broken = new AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            senders.submit(() -> {
                try {
                    for (long index = next.getAndIncrement(); index < requests; index = next.getAndIncrement()) {
                        fuzz.send(index);
                    }
                } catch (RuntimeException e) {
                    broken.compareAndSet(null, e);
                    next.set(requests); // the others stop too
                }
            });
        }
        senders.shutdown();
        while (!senders.awaitTermination(progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
            out.println(fuzz.report.progress(requests));
        }
        if (broken.get() != null) {
            throw new IllegalStateException("the fuzz run broke off: " + broken.get().getMessage(), broken.get());
        }
        out.println(fuzz.report.progress(requests));
        out.println(fuzz.report.table());
        return fuzz.report;
    }

    private void send(long index) {
        FuzzRequest request;
        HttpRequest exchange;
        try {
            request = Mutator.request(seed, index, fixtures);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the fuzzer could not make request " + index + " of seed " + seed, e);
        }
        try {
            exchange = toHttp(request);
        } catch (IllegalArgumentException refusedByTheClient) {
            report.unsendable(request);
            return;
        }
        try {
            HttpResponse<byte[]> response;
            if (isOverServerLimits(request)) {
                try (HttpClient once = newClient()) {
                    response = once.send(exchange, HttpResponse.BodyHandlers.ofByteArray());
                }
            } else {
                response = http.send(exchange, HttpResponse.BodyHandlers.ofByteArray());
            }
            check(index, request, response);
        } catch (IOException e) {
            report.noAnswer(index, request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the request line or the headers may be over the HTTP server's limits (4 KiB, 20 KiB; a margin for the
     * headers the client adds). Vert.x answers those 414 or 431 and then closes the connection without saying so
     * (no Connection: close), so such a request goes over a connection of its own: a pooled one would fail the
     * next request sent on it.
     */
    private static boolean isOverServerLimits(FuzzRequest request) {
        int headers = 0;
        for (var header : request.headers.entrySet()) {
            for (String value : header.getValue()) {
                headers += header.getKey().length() + value.length() + 4;
            }
        }
        return request.method.length() + request.target().length() + 12 > 3800 || headers > 18_000;
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpRequest toHttp(FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + request.target()))
                .timeout(REQUEST_TIMEOUT)
                .method(request.method, request.hasBody()
                        ? HttpRequest.BodyPublishers.ofByteArray(request.body())
                        : HttpRequest.BodyPublishers.noBody());
        request.headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    private void check(long index, FuzzRequest request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String code = null;
        if ((status == 414 || status == 431) && body.isEmpty()) {
            // The request line or the headers are over the HTTP server's limits (4 KiB, 20 KiB): Vert.x answers
            // before any route of ours runs, with no way to give it a body. Counted, not failed.
            report.overServerLimits();
        } else if (status >= 400 && !request.method.equals("HEAD")) {
            String broken = problemViolation(status, contentType, body);
            if (broken != null) {
                report.notAProblem(index, request, status, broken, body);
            } else {
                code = problem(body).path("code").asText("?");
            }
        }
        if (status >= 500) {
            report.serverError(index, request, status, body);
        }
        report.answered(request, status, code);
    }

    /** What is wrong with an error answer, or null when it is a proper RFC 9457 problem. */
    private static String problemViolation(int status, String contentType, String body) {
        if (!contentType.startsWith("application/problem+json")) {
            return "Content-Type " + (contentType.isEmpty() ? "missing" : contentType);
        }
        JsonNode problem = problem(body);
        if (problem == null || !problem.isObject()) {
            return "the body is not a JSON object";
        }
        if (!problem.path("type").isTextual() || !problem.path("title").isTextual()) {
            return "type or title missing";
        }
        if (problem.path("status").asInt(-1) != status) {
            return "status member " + problem.path("status") + " differs from the answer's";
        }
        return null;
    }

    private static JsonNode problem(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
