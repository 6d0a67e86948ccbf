package dev.shop.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict JSON for every service (docs/design.md section 9): a request with a field the type does not
 * have, or a value of the wrong JSON type, is a 400, never silently accepted nor half-read.
 * <ul>
 * <li>unknown fields fail (Quarkus' default ignores them);</li>
 * <li>{@code null} for a primitive fails instead of becoming 0 or false;</li>
 * <li>no guessing between JSON types: {@code "2"} is not the number 2, {@code 2.5} not an integer,
 *     {@code 1} not {@code true}, {@code 2} neither a string nor an enum constant;</li>
 * <li>one JSON value per document: a field given twice ({@code {"a": 1, "a": 2}}) fails instead of the last one
 *     silently winning, and so does anything but whitespace after the value ({@code {...} xyz}, {@code {...}{...}});</li>
 * <li>no string may hold the NUL character (U+0000, escaped in JSON as backslash-u-0000), which PostgreSQL
 *     cannot store in text ({@link NulCharacterException});</li>
 * <li>dates are written as ISO-8601 strings.</li>
 * </ul>
 * It changes the one {@code ObjectMapper} bean, so it also applies to REST clients and to any code
 * that injects the mapper. A service that must tolerate unknown fields from a peer (a tolerant
 * reader for events or upstream answers) says so where it reads them, e.g.
 * {@code mapper.readerFor(T.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)}.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("shop-nul-free-strings")
                .addDeserializer(String.class, new NulFreeStringDeserializer()));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... from) {
        for (CoercionInputShape shape : from) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
