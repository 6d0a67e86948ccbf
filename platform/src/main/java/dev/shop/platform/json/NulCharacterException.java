package dev.shop.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string held the NUL character (U+0000, which JSON allows as an escape). It is valid JSON, but
 * PostgreSQL cannot store it in a text column, so a request carrying one would fail at its insert (a 500)
 * instead of at its input (a 400).
 * Thrown while reading, with the field's path like any other Jackson error; the platform's mappers answer it
 * with a 400 naming the field.
 */
public final class NulCharacterException extends MismatchedInputException {

    NulCharacterException(JsonParser parser) {
        super(parser, "A string contains the NUL character (U+0000)", String.class);
    }
}
