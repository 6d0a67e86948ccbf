package dev.shop.platform.problem;

import java.lang.annotation.Annotation;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives a problem+json body to error answers that have none: {@code Response.status(404).build()}
 * in a resource, or the empty 401/403 of Quarkus' security exception mappers. Error answers that
 * already carry a body are left alone.
 */
public class EmptyErrorBodyFilter {

    private static final MediaType PROBLEM_JSON = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerResponseFilter
    public void addProblemBody(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            Problem problem = ProblemMappers.placedAt(request, HttpProblems.of(response.getStatus(), null));
            response.setEntity(problem, new Annotation[0], PROBLEM_JSON);
        }
    }
}
