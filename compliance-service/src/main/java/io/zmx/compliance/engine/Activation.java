package io.zmx.compliance.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an evaluation input into the values CEL sees: the one definition, for live evaluations and backtests alike.
 * The input is read as a stream of JSON tokens: a backtest parses the stored jsonb text straight into the activation
 * ({@link #read(JsonParser)}), a live evaluation writes its validated request into the same tokens
 * ({@link #of(EvaluationRequest)}, no text in between), so both build the activation with the same code.
 *
 * <p>What is read and how is the declared context ({@link EvaluationContext#STRUCTS}): a field's CEL type says how
 * its JSON value becomes a CEL value (dates -> {@link Instant} at 00:00Z, whole numbers -> {@code long}) and what an
 * absent one is. Presence follows one rule, documented in the README: strings default to "", booleans to false and
 * lists to []; numbers, dates and nested objects are left out when the input has none (or null), so expressions test
 * them with {@code has(...)}. Reading an absent one is an evaluation error, which the engine reports as a HOLD
 * (missing data needs a human). Fields the context does not declare are skipped. The exceptions, all here:
 * {@code vehicle.known} absent is true (callers older than the flag sent known vehicles); {@code filing.exportDate}
 * absent is {@code asOf}; {@code afterSalesConfirmation.vins} falls back to the deprecated {@code vin} and
 * {@code vin} to the first of {@code vins}; {@code afterSalesConfirmation} and {@code exportLicence} may be a bare
 * string (their reference / number). A value in any other than its canonical JSON form (a number as a string, a
 * date not as yyyy-MM-dd) is converted by the parser's Jackson codec, exactly as binding it to
 * {@link EvaluationRequest} would.
 */
public final class Activation {

    private Activation() {}

    /** Serialises requests into tokens for {@link #of}: dates as ISO strings, as the stored jsonb has them. */
    private static final JsonMapper TOKENS = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** A live evaluation's activation: the validated request, as tokens, through {@link #read}. */
    public static Map<String, Object> of(EvaluationRequest r) {
        try {
            TokenBuffer tokens = new TokenBuffer(TOKENS, false);
            TOKENS.writeValue(tokens, r);
            try (JsonParser p = tokens.asParser(TOKENS)) {
                return read(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The activation of one evaluation input (an {@link EvaluationRequest} as JSON, e.g. a stored jsonb column's
     * text): {@code vehicle}, {@code filing}, {@code assessment} and {@code asOf}.
     *
     * @throws IOException when the input is not JSON or a value cannot be converted to its declared type
     */
    public static Map<String, Object> read(JsonParser p) throws IOException {
        if (p.currentToken() == null) {
            p.nextToken();
        }
        expect(p, JsonToken.START_OBJECT);
        Map<String, Object> vars = new HashMap<>(8);
        Instant asOf = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "vehicle" -> vars.put(name, struct(p, VEHICLE));
                case "filing" -> vars.put(name, struct(p, FILING));
                case "assessment" -> vars.put(name, struct(p, ASSESSMENT));
                case "asOf" -> asOf = date(p);
                default -> p.skipChildren();
            }
        }
        vars.computeIfAbsent("vehicle", k -> VEHICLE.finish(new HashMap<>()));
        vars.computeIfAbsent("filing", k -> FILING.finish(new HashMap<>()));
        vars.computeIfAbsent("assessment", k -> ASSESSMENT.finish(new HashMap<>()));
        if (asOf != null) {
            vars.put("asOf", asOf);
            @SuppressWarnings("unchecked")
            Map<String, Object> filing = (Map<String, Object>) vars.get("filing");
            filing.putIfAbsent("exportDate", asOf);
        }
        return vars;
    }

    public static Instant instant(LocalDate d) {
        return Instant.ofEpochSecond(d.toEpochDay() * 86_400L);
    }

    // ---- the declared context as readers ------------------------------------------------------------------

    private enum Kind { STRING, INT, DOUBLE, BOOL, DATE, STRINGS, STRUCT, STRUCTS }

    private record Slot(String name, Kind kind, Shape shape) {}

    /** One declared struct: its fields by JSON name, and the defaults of absent ones. */
    private static final class Shape {
        final String name;
        final Map<String, Slot> slots = new HashMap<>();
        final int capacity;
        /** The field a bare JSON string fills, or null when the struct is always an object. */
        final String bareString;

        Shape(EvaluationContext.Struct s, Map<String, EvaluationContext.Struct> all) {
            name = s.name();
            for (EvaluationContext.Field f : s.fields()) {
                slots.put(f.name(), slot(f.name(), f.type(), all));
            }
            capacity = s.fields().size() * 4 / 3 + 2;
            bareString = switch (name) {
                case "zmx.AfterSalesConfirmation" -> "reference";
                case "zmx.ExportLicence" -> "number";
                default -> null;
            };
        }

        /** Defaults for absent fields, and the struct's own exceptions (see the class comment). */
        Map<String, Object> finish(Map<String, Object> m) {
            switch (name) {
                case "zmx.Vehicle" -> m.putIfAbsent("known", Boolean.TRUE);
                case "zmx.AfterSalesConfirmation" -> {
                    Object vin = m.get("vin");
                    Object listed = m.get("vins");
                    List<?> vins = listed instanceof List<?> l && !l.isEmpty() ? l
                            : vin instanceof String s && !s.isBlank() ? List.of(s) : List.of();
                    m.put("vins", vins);
                    if (vin == null && !vins.isEmpty()) {
                        m.put("vin", vins.get(0));
                    }
                }
                default -> { }
            }
            for (Slot s : slots.values()) {
                switch (s.kind()) {
                    case STRING -> m.putIfAbsent(s.name(), "");
                    case BOOL -> m.putIfAbsent(s.name(), Boolean.FALSE);
                    case STRINGS, STRUCTS -> m.putIfAbsent(s.name(), List.of());
                    default -> { } // numbers, dates, structs: absent
                }
            }
            return m;
        }
    }

    private static Slot slot(String name, CelType type, Map<String, EvaluationContext.Struct> all) {
        if (type instanceof ListType list) {
            return list.elemType() instanceof StructType element
                    ? new Slot(name, Kind.STRUCTS, new Shape(all.get(element.name()), all))
                    : new Slot(name, Kind.STRINGS, null);
        }
        if (type instanceof StructType struct) {
            return new Slot(name, Kind.STRUCT, new Shape(all.get(struct.name()), all));
        }
        if (type.equals(SimpleType.STRING)) {
            return new Slot(name, Kind.STRING, null);
        }
        if (type.equals(SimpleType.INT)) {
            return new Slot(name, Kind.INT, null);
        }
        if (type.equals(SimpleType.DOUBLE)) {
            return new Slot(name, Kind.DOUBLE, null);
        }
        if (type.equals(SimpleType.BOOL)) {
            return new Slot(name, Kind.BOOL, null);
        }
        if (type.equals(SimpleType.TIMESTAMP)) {
            return new Slot(name, Kind.DATE, null);
        }
        throw new IllegalStateException("no reader for " + name + ": " + type);
    }

    private static Shape shape(EvaluationContext.Field variable) {
        Map<String, EvaluationContext.Struct> all = new HashMap<>();
        EvaluationContext.STRUCTS.forEach(s -> all.put(s.name(), s));
        return new Shape(all.get(variable.type().name()), all);
    }

    private static final Shape VEHICLE = shape(EvaluationContext.VARIABLES.get(0));
    private static final Shape FILING = shape(EvaluationContext.VARIABLES.get(1));
    private static final Shape ASSESSMENT = shape(EvaluationContext.VARIABLES.get(2));

    // ---- reading -------------------------------------------------------------------------------------

    /** The struct at the current token, or null for JSON null. */
    private static Map<String, Object> struct(JsonParser p, Shape shape) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, Object> m = new HashMap<>(shape.capacity);
        if (t == JsonToken.VALUE_STRING && shape.bareString != null) {
            m.put(shape.bareString, p.getText());
            return shape.finish(m);
        }
        expect(p, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Slot slot = shape.slots.get(p.currentName());
            p.nextToken();
            if (slot == null) {
                p.skipChildren();
                continue;
            }
            Object value = value(p, slot);
            if (value != null) {
                m.put(slot.name(), value);
            } else {
                m.remove(slot.name()); // a later null wins over an earlier value, as in data binding
            }
        }
        return shape.finish(m);
    }

    private static Object value(JsonParser p, Slot slot) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (slot.kind()) {
            case STRING -> t == JsonToken.VALUE_STRING ? p.getText() : p.readValueAs(String.class);
            case INT -> {
                Integer i = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                        ? Integer.valueOf(p.getIntValue()) : p.readValueAs(Integer.class);
                yield i == null ? null : Long.valueOf(i.longValue());
            }
            case DOUBLE -> t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT
                    ? Double.valueOf(p.getDoubleValue()) : p.readValueAs(Double.class);
            case BOOL -> t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE
                    : p.readValueAs(Boolean.class);
            case DATE -> date(p);
            case STRINGS -> strings(p);
            case STRUCT -> struct(p, slot.shape());
            case STRUCTS -> structs(p, slot.shape());
        };
    }

    private static List<Object> strings(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            list.add(t == JsonToken.VALUE_STRING ? p.getText() : t == JsonToken.VALUE_NULL ? null : p.readValueAs(String.class));
        }
        return list;
    }

    private static List<Object> structs(JsonParser p, Shape shape) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Map<String, Object> element = struct(p, shape);
            if (element != null) {
                list.add(element);
            }
        }
        return list;
    }

    /** A date at the current token as a timestamp at 00:00Z; yyyy-MM-dd read directly, anything else by the codec. */
    private static Instant date(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() == JsonToken.VALUE_STRING && p.getTextLength() == 10) {
            char[] c = p.getTextCharacters();
            int o = p.getTextOffset();
            if (c[o + 4] == '-' && c[o + 7] == '-') {
                int y = digits(c, o, 4), m = digits(c, o + 5, 2), d = digits(c, o + 8, 2);
                if (y >= 0 && m >= 0 && d >= 0) {
                    try {
                        return instant(LocalDate.of(y, m, d));
                    } catch (DateTimeException e) {
                        // not a date (2026-02-30): let the codec refuse it as data binding would
                    }
                }
            }
        }
        LocalDate d = p.readValueAs(LocalDate.class);
        return d == null ? null : instant(d);
    }

    private static int digits(char[] c, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            v = v * 10 + digit;
        }
        return v;
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.currentToken() != token) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + token + " but found " + p.currentToken());
        }
    }
}
