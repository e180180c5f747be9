package io.zmx.edge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.function.Function;

/**
 * The contracts are strict, so is the reader: one document and nothing after it, no duplicate keys, no
 * {@code "15"} for a number nor {@code 15.7} for an integer, dates only as ISO 8601 strings within
 * {@link #MIN_YEAR}..{@link #MAX_YEAR} (business dates; PostgreSQL cannot store {@code +999999999-12-31}),
 * no control characters in strings. Applied to Quarkus' ObjectMapper in every service.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2200;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Also for mappers the services build themselves (e.g. to parse NDJSON lines). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        SimpleModule strict = new SimpleModule("zmx-strict-json");
        strict.addDeserializer(String.class, new TextRules.StrictStringDeserializer());
        strict.addDeserializer(LocalDate.class, new Temporal<>(LocalDate.class, "a date (YYYY-MM-DD)",
                s -> LocalDate.parse(s, DATE), LocalDate::getYear));
        strict.addDeserializer(YearMonth.class, new Temporal<>(YearMonth.class, "a month (YYYY-MM)",
                s -> YearMonth.parse(s, MONTH), YearMonth::getYear));
        strict.addDeserializer(Instant.class, new Temporal<>(Instant.class, "a date-time with offset (ISO 8601)",
                s -> OffsetDateTime.parse(s).toInstant(), i -> OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC).getYear()));
        strict.addDeserializer(OffsetDateTime.class, new Temporal<>(OffsetDateTime.class,
                "a date-time with offset (ISO 8601)", OffsetDateTime::parse, OffsetDateTime::getYear));
        mapper.registerModule(strict);
        return mapper;
    }

    /** Runs after the JavaTimeModule Quarkus registers, so these readers win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    public static boolean saneYear(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /** Parses a query parameter date the same way as a JSON one (used by {@link ParamConverters}). */
    static LocalDate date(String s) {
        LocalDate d = LocalDate.parse(s, DATE);
        if (!saneYear(d.getYear())) throw new DateTimeException("year outside " + MIN_YEAR + ".." + MAX_YEAR);
        return d;
    }

    static YearMonth month(String s) {
        YearMonth m = YearMonth.parse(s, MONTH);
        if (!saneYear(m.getYear())) throw new DateTimeException("year outside " + MIN_YEAR + ".." + MAX_YEAR);
        return m;
    }

    /** A date or time only from an ISO 8601 string, in the sane year window. */
    static final class Temporal<T> extends StdScalarDeserializer<T> {
        private final String expected;
        private final Function<String, T> parse;
        private final Function<T, Integer> year;

        Temporal(Class<T> type, String expected, Function<String, T> parse, Function<T, Integer> year) {
            super(type);
            this.expected = expected;
            this.parse = parse;
            this.year = year;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText().trim();
            T value;
            try {
                value = parse.apply(text);
            } catch (DateTimeException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text, "expected " + expected);
            }
            if (!saneYear(year.apply(value))) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text,
                        "year outside " + MIN_YEAR + ".." + MAX_YEAR);
            }
            return value;
        }
    }
}
