package dev.shop.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.shop.gateway.config.GatewayConfig;
import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/**
 * A request borrows connections only from the pool of the event loop it arrived on, so the upstream exchange never
 * hops between threads (with one shared pool it did, five times per request).
 */
@Tag("fast")
class UpstreamClientsTest {

    private final Vertx vertx = Vertx.vertx();
    private final UpstreamClients clients = new UpstreamClients(vertx,
            List.of(new Route("products", URI.create("http://127.0.0.1:8084"), "/api/v1/products", "/api/v1/products", true)),
            new Settings());

    @AfterEach
    void close() throws Exception {
        clients.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsOnOneEventLoopShareItsPool() throws Exception {
        EventLoop loop = vertx.nettyEventLoopGroup().next();

        assertSame(clientOn(loop), clientOn(loop));
    }

    @Test
    void eachEventLoopHasItsOwnPool() throws Exception {
        EventLoop one = vertx.nettyEventLoopGroup().next();
        EventLoop other = vertx.nettyEventLoopGroup().next(); // the next event loop (round-robin)
        assertNotSame(one, other);

        assertNotSame(clientOn(one), clientOn(other));
    }

    private HttpClient clientOn(EventLoop loop) throws Exception {
        return loop.submit(() -> clients.of("products")).get(10, TimeUnit.SECONDS);
    }

    private static final class Settings implements GatewayConfig.UpstreamClient {

        @Override
        public int maxPoolSize() {
            return 4;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration idleTimeout() {
            return Duration.ofSeconds(30);
        }
    }
}
