package dev.shop.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * One pooled, keep-alive Vert.x {@link HttpClient} per upstream, created once: a request borrows a
 * connection from its upstream's pool and gives it back when the response has been streamed.
 */
@ApplicationScoped
public class UpstreamClients {

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    UpstreamClients(Vertx vertx, Routes routes, GatewayConfig config) {
        GatewayConfig.UpstreamClient settings = config.upstreamClient();
        for (Route route : routes.all()) {
            clients.computeIfAbsent(route.upstream(), name -> {
                boolean tls = "https".equalsIgnoreCase(route.url().getScheme());
                int port = route.url().getPort() > 0 ? route.url().getPort() : tls ? 443 : 80;
                HttpClientOptions options = new HttpClientOptions()
                        .setDefaultHost(route.url().getHost())
                        .setDefaultPort(port)
                        .setSsl(tls)
                        .setKeepAlive(true)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setIdleTimeout((int) settings.idleTimeout().toMillis())
                        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                        .setName("gateway-" + name);
                return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxPoolSize()));
            });
        }
    }

    public HttpClient of(String upstream) {
        return clients.get(upstream);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
