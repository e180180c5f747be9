package io.zmx.export.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/**
 * A verdict's findings <-> the JSON array text of their jsonb column (see {@link Filing#findings}: an array cannot
 * be {@code SqlTypes.JSON} under Hibernate Reactive). Null stays null: a filing not yet screened has no findings.
 */
@Converter
public class FindingsColumn implements AttributeConverter<List<Finding>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Finding>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<Finding> findings) {
        try {
            return findings == null ? null : JSON.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Finding> convertToEntityAttribute(String text) {
        try {
            return text == null ? null : List.copyOf(JSON.readValue(text, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings are not valid JSON", e);
        }
    }
}
