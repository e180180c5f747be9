package io.zmx.edge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * Text that reaches a database is free of control characters: PostgreSQL refuses NUL in text (the request
 * then failed with a 500), and the others are never part of a name, a reference or a code. Tab, CR and LF
 * are allowed in JSON strings (rule expressions, reasons span lines); never in query parameters.
 */
public final class TextRules {

    public static final String MESSAGE = "must not contain control characters";

    private TextRules() {}

    /** True when {@code s} holds a C0 control character (other than tab, CR, LF when {@code multiLine}) or DEL. */
    public static boolean hasControl(CharSequence s, boolean multiLine) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0x7f || (c < 0x20 && !(multiLine && (c == '\t' || c == '\n' || c == '\r')))) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a single-line value (query parameter, header, CSV cell) with control characters as a field violation. */
    public static String requireClean(String field, String value) {
        if (value != null && hasControl(value, false)) {
            throw ProblemException.invalidField(field, MESSAGE);
        }
        return value;
    }

    /** A JSON string holding a control character; mapped to a field violation with the JSON path. */
    public static final class ControlCharacterException extends MismatchedInputException {
        ControlCharacterException(JsonParser p) {
            super(p, MESSAGE, String.class);
        }
    }

    /** Strings only from JSON strings (no numbers or booleans coerced), and without control characters. */
    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {
        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String s = p.getText();
            if (hasControl(s, true)) {
                throw new ControlCharacterException(p);
            }
            return s;
        }
    }
}
