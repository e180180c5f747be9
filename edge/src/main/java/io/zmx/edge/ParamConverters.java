package io.zmx.edge;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Query, path and header parameters are read like JSON fields: a value that cannot be converted
 * ({@code ?status=BOGUS}, {@code page=abc}, {@code on=2026-02-30}) or holds a control character is a 400
 * naming the parameter. JAX-RS would answer 404 for a query parameter that fails conversion.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> raw, Type generic, Annotation[] annotations) {
        String name = name(annotations);
        if (raw == String.class) {
            return (ParamConverter<T>) new Strict<>(name, "text", s -> s);
        }
        if (raw == int.class || raw == Integer.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", Integer::valueOf);
        }
        if (raw == long.class || raw == Long.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", Long::valueOf);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, "true or false", ParamConverters::bool);
        }
        if (raw == LocalDate.class) {
            return (ParamConverter<T>) new Strict<>(name, "a date (YYYY-MM-DD)", StrictJson::date);
        }
        if (raw == YearMonth.class) {
            return (ParamConverter<T>) new Strict<>(name, "a month (YYYY-MM)", StrictJson::month);
        }
        if (raw == Instant.class) {
            return (ParamConverter<T>) new Strict<>(name, "a date-time with offset (ISO 8601)",
                    s -> OffsetDateTime.parse(s).toInstant());
        }
        if (raw == UUID.class) {
            return (ParamConverter<T>) new Strict<>(name, "a UUID", UUID::fromString);
        }
        if (raw.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) raw;
            return (ParamConverter<T>) new Strict<>(name, "one of " + List.of(type.getEnumConstants()),
                    s -> enumValue(type, s));
        }
        return null;
    }

    private static Boolean bool(String s) {
        if ("true".equalsIgnoreCase(s)) return Boolean.TRUE;
        if ("false".equalsIgnoreCase(s)) return Boolean.FALSE;
        throw new IllegalArgumentException(s);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Enum<?> enumValue(Class<? extends Enum> type, String s) {
        for (Enum<?> e : type.getEnumConstants()) {
            if (e.name().equals(s) || e.name().equals(s.toUpperCase(Locale.ROOT))) return e;
        }
        throw new IllegalArgumentException(s);
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof QueryParam q) return q.value();
            if (a instanceof PathParam p) return p.value();
            if (a instanceof HeaderParam h) return h.value();
            if (a instanceof FormParam f) return f.value();
            if (a instanceof CookieParam c) return c.value();
        }
        return "parameter";
    }

    /** A 400 problem the mappers pass through as it is (a WebApplicationException keeps JAX-RS from turning it into 404). */
    static BadRequestException invalid(String name, String message) {
        return new BadRequestException(message, ProblemException.invalidField(name, message).toProblem(null).toResponse());
    }

    static final class Strict<T> implements ParamConverter<T> {
        private final String name;
        private final String expected;
        private final Function<String, T> parse;

        Strict(String name, String expected, Function<String, T> parse) {
            this.name = name;
            this.expected = expected;
            this.parse = parse;
        }

        @Override
        public T fromString(String value) {
            if (value == null) return null;
            if (TextRules.hasControl(value, false)) {
                throw invalid(name, TextRules.MESSAGE);
            }
            try {
                return parse.apply(expected.equals("text") ? value : value.strip());
            } catch (RuntimeException e) {
                throw invalid(name, "expected " + expected);
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
