package dev.shop.platform.problem;

/**
 * One invalid field of a request.
 *
 * @param field   JSON-ish path of the field as the client sent it, e.g. {@code lines[0].quantity};
 *                for a query, path or header parameter its name
 * @param message what is wrong with it, e.g. {@code must be greater than or equal to 1}
 */
public record Violation(String field, String message) {
}
