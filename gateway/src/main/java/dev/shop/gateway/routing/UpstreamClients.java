package dev.shop.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.shop.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Pooled, keep-alive Vert.x {@link HttpClient}s per upstream: a request borrows a connection from its
 * upstream's pool and gives it back when the response has been streamed.
 * <p>
 * One pool per upstream <em>and per event loop</em>. A Vert.x pool hands any of its connections to any
 * caller, and a connection lives on the event loop that opened it; with one shared pool, most requests got a
 * connection of another event loop, and every step of the exchange (write the request, the response head, each
 * chunk, the end, back-pressure) crossed between the two threads. Here the pool of the event loop that received
 * the client's request only ever opens connections on that event loop, so an exchange stays on one thread.
 */
@ApplicationScoped
public class UpstreamClients {

    private final Vertx vertx;
    private final Map<String, HttpClientOptions> options = new ConcurrentHashMap<>();
    private final PoolOptions pool;
    private final Map<Thread, Map<String, HttpClient>> byEventLoop = new ConcurrentHashMap<>();
    private final Map<String, HttpClient> shared = new ConcurrentHashMap<>();

    @Inject
    UpstreamClients(Vertx vertx, Routes routes, GatewayConfig config) {
        this(vertx, routes.all(), config.upstreamClient());
    }

    UpstreamClients(Vertx vertx, List<Route> routes, GatewayConfig.UpstreamClient settings) {
        this.vertx = vertx;
        this.pool = new PoolOptions().setHttp1MaxSize(settings.maxPoolSize());
        for (Route route : routes) {
            options.computeIfAbsent(route.upstream(), name -> {
                boolean tls = "https".equalsIgnoreCase(route.url().getScheme());
                int port = route.url().getPort() > 0 ? route.url().getPort() : tls ? 443 : 80;
                return new HttpClientOptions()
                        .setDefaultHost(route.url().getHost())
                        .setDefaultPort(port)
                        .setSsl(tls)
                        .setKeepAlive(true)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setIdleTimeout((int) settings.idleTimeout().toMillis())
                        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                        .setName("gateway-" + name);
            });
        }
    }

    /** The client of {@code upstream} for the calling event loop (a shared one off the event loops). */
    public HttpClient of(String upstream) {
        Map<String, HttpClient> clients = Context.isOnEventLoopThread()
                ? byEventLoop.computeIfAbsent(Thread.currentThread(), thread -> new ConcurrentHashMap<>())
                : shared;
        return clients.computeIfAbsent(upstream, name -> vertx.createHttpClient(options.get(name), pool));
    }

    @PreDestroy
    void close() {
        byEventLoop.values().forEach(clients -> clients.values().forEach(HttpClient::close));
        shared.values().forEach(HttpClient::close);
    }
}
