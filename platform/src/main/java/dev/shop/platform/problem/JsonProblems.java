package dev.shop.platform.problem;

import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.shop.platform.json.NulCharacterException;

/**
 * Turns a Jackson error met while reading a request body into a 400 problem:
 * <ul>
 * <li>{@code UNKNOWN_FIELD}: a field the type does not have (strict JSON), listed in violations;</li>
 * <li>{@code INVALID_FIELD_TYPE}: {@code "quantity": "two"}, a number out of range, an {@code int}
 *     null or absent...;</li>
 * <li>{@code MALFORMED_JSON}: not JSON at all, a field given twice, content after the JSON value, or not the
 *     JSON value expected as the body;</li>
 * <li>{@code VALIDATION_FAILED}: a constructor of the body type refused a value, or a string holds the NUL
 *     character.</li>
 * </ul>
 */
final class JsonProblems {

    static final String MALFORMED_JSON = "MALFORMED_JSON";
    static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    static final String INVALID_FIELD_TYPE = "INVALID_FIELD_TYPE";

    private JsonProblems() {
    }

    /**
     * Whether Jackson failed while Quarkus REST was reading the request body. Only then is it the
     * client's fault (400): the same exception from a REST client or from the service's own
     * {@code ObjectMapper} is a server-side failure (500). Told by Quarkus' body reader on the stack.
     */
    static boolean isFromRequestBody(Throwable jacksonError) {
        return Arrays.stream(jacksonError.getStackTrace())
                .map(StackTraceElement::getClassName)
                .anyMatch(JsonProblems::isServerBodyReader);
    }

    private static boolean isServerBodyReader(String className) {
        return className.contains("MessageBodyReader")
                && (className.startsWith("io.quarkus.resteasy.reactive.jackson.")
                        || className.startsWith("org.jboss.resteasy.reactive.server.jackson."));
    }

    static Problem from(JsonProcessingException e) {
        if (e instanceof NulCharacterException nul) {
            return invalidValue(fieldOf(nul), "must not contain the NUL character (U+0000)");
        }
        if (e instanceof PropertyBindingException unknown) {
            return unknownField(unknown);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        String field = e instanceof JsonMappingException mapping ? fieldOf(mapping) : "";
        Throwable root = rootCause(e);
        if (root instanceof InputCoercionException outOfRange && !field.isEmpty()) {
            return invalidType(field, "is out of range for " + describe(outOfRange.getTargetType()));
        }
        if (e instanceof ValueInstantiationException) {
            // The body type's constructor refused a value; its message is not meant for clients.
            return invalidValue(field, "is invalid");
        }
        return malformed(root instanceof JsonProcessingException parse
                ? describe(parse)
                : "The request body is not valid JSON.");
    }

    private static Problem unknownField(PropertyBindingException e) {
        String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        String message = known.isEmpty() ? "is not a known field" : "is not a known field; known fields: " + known;
        return Problem.of(400, UNKNOWN_FIELD, "Unknown field", "Unknown field '" + e.getPropertyName() + "'.")
                .withViolations(List.of(new Violation(fieldOf(e), message)));
    }

    private static Problem wrongType(MismatchedInputException e) {
        String field = fieldOf(e);
        if (isTrailingContent(e)) {
            return malformed("The request body must be one JSON value; more follows it" + where(e) + ".");
        }
        if (field.isEmpty()) {
            return malformed("The request body must be " + describe(e.getTargetType()) + ".");
        }
        if (e instanceof InvalidNullException || isNullForPrimitive(e)) {
            return invalidType(field, "must not be null");
        }
        return invalidType(field, "must be " + describe(e.getTargetType()));
    }

    /**
     * Null, or absent from a record, for an {@code int}: Jackson has no exception type of its own for
     * this, only its message. Should the message change, the answer is still "must be an integer".
     */
    private static boolean isNullForPrimitive(MismatchedInputException e) {
        return e.getTargetType() != null && e.getTargetType().isPrimitive()
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`");
    }

    /**
     * {@code {...}{...}}: a second value after the body (with FAIL_ON_TRAILING_TOKENS). Jackson has no exception
     * type of its own for this, only its message. (Trailing content that is not JSON, {@code {...} xyz}, is a
     * syntax error.) Should the message change, the answer is still a 400 MALFORMED_JSON.
     */
    private static boolean isTrailingContent(MismatchedInputException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
    }

    /** A value of the right JSON type that the body type refuses: 400 VALIDATION_FAILED, naming the field when known. */
    private static Problem invalidValue(String field, String message) {
        Problem invalid = Problem.of(400, ValidationProblems.CODE, "Validation failed", field.isEmpty()
                ? "The request body is invalid."
                : "Field '" + field + "' " + message + ".");
        return field.isEmpty() ? invalid : invalid.withViolations(List.of(new Violation(field, message)));
    }

    private static Problem invalidType(String field, String message) {
        return Problem.of(400, INVALID_FIELD_TYPE, "Invalid field type", "Field '" + field + "' " + message + ".")
                .withViolations(List.of(new Violation(field, message)));
    }

    private static Problem malformed(String detail) {
        return Problem.of(400, MALFORMED_JSON, "Malformed JSON", detail);
    }

    /** Jackson's path {@code [lines, 0, quantity]} written as the client would: {@code lines[0].quantity}. */
    static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            } else if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            }
        }
        return field.toString();
    }

    /** What the client must send instead, in JSON terms rather than Java ones. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (Temporal.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type)) {
            return "an ISO-8601 string";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** A syntax error, with where it is: {@code Unexpected character ('}'): ... (line 1, column 12)}. */
    private static String describe(JsonProcessingException e) {
        // Jackson may name the source inside its message: "[Source: REDACTED (...); line: 1, column: 11]".
        String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\[Source: [^;\\]]*; ", "[");
        return "The request body is not valid JSON: " + message + where(e) + ".";
    }

    /** Where in the body: {@code " (line 1, column 12)"}, or nothing when Jackson does not know. */
    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
