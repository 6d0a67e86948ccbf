package dev.shop.platform.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every exception that escapes a resource becomes a problem+json answer. Quarkus REST picks the
 * mapper of the closest exception type, so the specific cases win over {@link #unexpected}.
 */
public class ProblemMappers {

    static final String INVALID_PARAMETER = "INVALID_PARAMETER";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        if (e.status() >= 500) {
            LOG.warnf(e.getCause(), "%s %s answered %d %s: %s",
                    request.getMethod(), pathOf(request), e.status(), e.code(), e.detail());
        }
        Response.ResponseBuilder response = answer(request, e.toProblem());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalidRequest(ConstraintViolationException e, ContainerRequestContext request) {
        if (ValidationProblems.isAboutReturnValue(e)) {
            return unexpected(e, request);
        }
        return answer(request, ValidationProblems.from(e)).build();
    }

    /** Not a violation but a broken constraint declaration: a bug. Replaces Quarkus' built-in mapper. */
    @ServerExceptionMapper
    public Response brokenValidation(ValidationException e, ContainerRequestContext request) {
        return unexpected(e, request);
    }

    /**
     * Quarkus REST rethrows Jackson's MismatchedInputException (unknown field, wrong type) as is; this
     * replaces its built-in mapper, which answers an empty 400 or a non-problem body.
     */
    @ServerExceptionMapper
    public Response badJsonBody(MismatchedInputException e, ContainerRequestContext request) {
        if (!JsonProblems.isFromRequestBody(e)) {
            return unexpected(e, request);
        }
        return answer(request, JsonProblems.from(e)).build();
    }

    /**
     * JAX-RS errors keep their status: unknown resource (404), wrong method (405), Content-Type (415)
     * or Accept (406) not supported... Quarkus REST also wraps malformed JSON in a 400 one.
     */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, ContainerRequestContext request) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original; // a redirect or the like, not an error
        }
        if (e.getCause() instanceof JsonProcessingException json && JsonProblems.isFromRequestBody(json)) {
            return answer(request, JsonProblems.from(json)).build();
        }
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (isParameterConversionFailure(e)) {
            return answer(request, Problem.of(400, INVALID_PARAMETER, "Invalid parameter",
                    "A path, query or header parameter has a value of the wrong type.")).build();
        }
        Response.ResponseBuilder response = answer(request, HttpProblems.of(status, detailOf(e)));
        keepHeaders(original, response);
        return response.build();
    }

    /**
     * Quarkus REST answers {@code ?limit=abc} for an {@code int limit} with a 404 (as JAX-RS says for
     * query and path parameters) or a 400 (headers), caused by the conversion error. A routing 404 has
     * no cause. The client sent a malformed value, so: 400 {@code INVALID_PARAMETER}.
     */
    private static boolean isParameterConversionFailure(WebApplicationException e) {
        return (e instanceof NotFoundException || e instanceof BadRequestException)
                && e.getCause() != null && !(e.getCause() instanceof WebApplicationException);
    }

    /** Anything else is a bug: logged once with its stack trace, and only a traceId goes to the client. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        Problem problem = placedAt(request, HttpProblems.internalError());
        LOG.errorf(e, "Unexpected error answering %s %s (traceId %s)",
                request.getMethod(), problem.instance(), problem.traceId());
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The problem with {@code instance} and {@code traceId} of this request filled in. */
    static Problem placedAt(ContainerRequestContext request, Problem problem) {
        return problem.at(pathOf(request), TraceIds.current(request::getHeaderString));
    }

    private static Response.ResponseBuilder answer(ContainerRequestContext request, Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(placedAt(request, problem));
    }

    private static String pathOf(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    /** The message, when someone wrote one: {@code new NotFoundException("No order 42")}. */
    private static String detailOf(WebApplicationException e) {
        String message = e.getMessage();
        boolean isDefault = message == null || message.startsWith("HTTP " + e.getResponse().getStatus());
        return isDefault ? null : message;
    }

    /** Keeps headers such as {@code WWW-Authenticate} (401) or {@code Retry-After} (429, 503). */
    private static void keepHeaders(Response original, Response.ResponseBuilder response) {
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> response.header(name, value));
            }
        });
    }
}
