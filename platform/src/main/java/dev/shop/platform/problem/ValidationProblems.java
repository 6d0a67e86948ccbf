package dev.shop.platform.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** Turns Bean Validation failures into a 400 {@code VALIDATION_FAILED} problem listing every invalid field. */
final class ValidationProblems {

    static final String CODE = "VALIDATION_FAILED";

    private ValidationProblems() {
    }

    static Problem from(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        String detail = violations.size() == 1
                ? "1 field is invalid."
                : violations.size() + " fields are invalid.";
        return Problem.of(400, CODE, "Validation failed", detail).withViolations(violations);
    }

    /** A violated return value is the server's bug, not the client's: it must not answer 400. */
    static boolean isAboutReturnValue(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .flatMap(v -> StreamSupport.stream(v.getPropertyPath().spliterator(), false))
                .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE);
    }

    /**
     * The path as the client sees it. Bean Validation says {@code create.order.lines[0].quantity}
     * (method, parameter, then the JSON body); the client sent {@code lines[0].quantity}. When nothing
     * is left after the parameter (a query or path parameter, or the body as a whole), the parameter's
     * name is the field.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> append(field, node);
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter != null ? parameter : "";
    }

    /** Hibernate Validator puts a list index on the node after the list: {@code lines}, {@code [0].quantity}. */
    private static void append(StringBuilder field, Path.Node node) {
        if (node.isInIterable()) {
            Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
            field.append('[').append(position == null ? "" : position).append(']');
        }
        String name = node.getName();
        // Container elements are named "<list element>", "<map value>"...: the index says it already.
        if (name != null && !name.startsWith("<")) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(name);
        }
    }

}
