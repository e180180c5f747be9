package io.zmx.export.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How the filing's jsonb documents ({@code @JdbcTypeCode(SqlTypes.JSON)} on {@code Filing}: the after-sales confirmation,
 * the licence application, the certificates, the assessment, the findings, the evaluation) are written and read.
 * The same shape as compliance-service's {@code persistence.JsonColumns}. Its own mapper, not Quarkus' REST one: that one is strict for partners' requests (unknown fields refused,
 * {@code StrictJson}), while a stored document must stay readable after a field is dropped from its record. Dates are
 * ISO 8601 strings, as before, so SQL over the documents ({@code licence_application->>'firstRegistrationDate'})
 * reads the same text for old and new rows.
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class JsonColumns implements FormatMapper {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final FormatMapper jackson = new JacksonJsonFormatMapper(MAPPER);

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return jackson.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return jackson.toString(value, type, options);
    }
}
