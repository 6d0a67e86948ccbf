package dev.shop.gateway.resilience;

import io.vertx.core.http.HttpClientResponse;

/**
 * An upstream answered 5xx. It counts against the upstream's breaker, and still reaches the client
 * unchanged (the service's own problem+json): the response rides along, paused, inside the exception.
 */
public final class UpstreamServerError extends RuntimeException {

    private final transient HttpClientResponse response;

    public UpstreamServerError(HttpClientResponse response) {
        super("upstream answered " + response.statusCode(), null, false, false);
        this.response = response;
    }

    public HttpClientResponse response() {
        return response;
    }
}
