package io.zmx.compliance.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.compliance.engine.LegalReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** A rule's legal references <-> the JSON array text of its jsonb column (see {@link Rule#legalReferences}). */
@Converter
public class LegalReferencesColumn implements AttributeConverter<List<LegalReference>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<LegalReference>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<LegalReference> refs) {
        try {
            return JSON.writeValueAsString(refs == null ? List.of() : refs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<LegalReference> convertToEntityAttribute(String text) {
        try {
            return text == null ? List.of() : JSON.readValue(text, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("legal references are not valid JSON", e);
        }
    }
}
