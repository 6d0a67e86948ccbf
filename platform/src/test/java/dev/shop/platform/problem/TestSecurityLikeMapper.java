package dev.shop.platform.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Stands in for Quarkus' security exception mappers, which answer 401 with a challenge header and
 * no body; {@link EmptyErrorBodyFilter} must still make it problem+json.
 */
@Provider
public class TestSecurityLikeMapper implements ExceptionMapper<TestSecurityLikeMapper.NotLoggedIn> {

    public static class NotLoggedIn extends RuntimeException {
    }

    @Override
    public Response toResponse(NotLoggedIn e) {
        return Response.status(401).header("WWW-Authenticate", "Bearer").build();
    }
}
