package io.zmx.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.export.domain.AfterSalesConfirmation;
import io.zmx.export.domain.ConformityCertificate;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.LicenceApplication;
import io.zmx.export.domain.SasoCertificate;

/** The documents a filing carries, stored as JSON columns on the filing row. */
public final class FilingDocuments {

    private FilingDocuments() {}

    public static AfterSalesConfirmation confirmation(ObjectMapper json, Filing f) {
        return read(json, f.afterSalesConfirmation, AfterSalesConfirmation.class);
    }

    public static LicenceApplication licenceApplication(ObjectMapper json, Filing f) {
        return read(json, f.licenceApplication, LicenceApplication.class);
    }

    public static ConformityCertificate conformityCertificate(ObjectMapper json, Filing f) {
        return read(json, f.conformityCertificate, ConformityCertificate.class);
    }

    public static SasoCertificate sasoCertificate(ObjectMapper json, Filing f) {
        return read(json, f.sasoCertificate, SasoCertificate.class);
    }

    static String write(ObjectMapper json, Object document) {
        if (document == null) return null;
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(ObjectMapper json, String text, Class<T> type) {
        if (text == null) return null;
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
