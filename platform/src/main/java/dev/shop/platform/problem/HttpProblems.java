package dev.shop.platform.problem;

import jakarta.ws.rs.core.Response;

/**
 * Problems that say no more than their HTTP status (unknown route, wrong method, missing token...):
 * {@code type} is {@code about:blank}, {@code title} is the status' reason phrase, and {@code code}
 * the status' name, e.g. 405 -> {@code METHOD_NOT_ALLOWED}.
 */
final class HttpProblems {

    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private HttpProblems() {
    }

    /** @param detail what happened, or null for the status' default explanation */
    static Problem of(int status, String detail) {
        return Problem.ofHttpStatus(status, codeOf(status), titleOf(status), detail != null ? detail : defaultDetail(status));
    }

    /** The answer to a bug or an outage: nothing about the cause leaves the server. */
    static Problem internalError() {
        return Problem.of(500, INTERNAL_ERROR, "Internal error",
                "An unexpected error occurred. Quote the traceId when reporting it.");
    }

    static String codeOf(int status) {
        return switch (status) {
            case 413 -> "CONTENT_TOO_LARGE";
            case 422 -> "UNPROCESSABLE_CONTENT";
            case 500 -> INTERNAL_ERROR;
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.name() : "HTTP_" + status;
            }
        };
    }

    static String titleOf(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "HTTP " + status;
            }
        };
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 401 -> "Authentication is required: send a valid bearer token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "Nothing exists at this path.";
            case 405 -> "This path does not accept this HTTP method.";
            case 406 -> "No representation matches the Accept header.";
            case 413 -> "The request body is too large.";
            case 415 -> "This Content-Type is not accepted here.";
            default -> titleOf(status) + ".";
        };
    }
}
