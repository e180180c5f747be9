package io.zmx.registry.service.imports;

import io.zmx.registry.service.HistoryInputs.DeregistrationInput;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.HistoryInputs.TitleBrandInput;
import io.zmx.registry.service.imports.ImportLine;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Bean Validation constraints of ImportLine and the history inputs, checked by hand: on the bulk path
 * Hibernate Validator cost more than everything else per line together. ImportLineRulesTest keeps the two in
 * agreement (same fields refused for the same input).
 */
final class ImportLineRules {

    private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    private ImportLineRules() {}

    static void check(ImportLine l, List<String> errors) {
        if (l.vin() == null || l.vin().isBlank()) {
            errors.add("vin: must not be blank");
        }
        size(l.manufacturer(), 120, "manufacturer", errors);
        size(l.make(), 60, "make", errors);
        size(l.model(), 80, "model", errors);
        range(l.modelYear(), 1980, 2100, "modelYear", errors);
        range(l.engineCc(), 0, 20000, "engineCc", errors);
        range(l.powerKw(), 0, 2000, "powerKw", errors);
        size(l.emissionStandard(), 20, "emissionStandard", errors);
        if (l.plantCountry() != null && !(l.plantCountry().length() == 2 && upper(l.plantCountry()))) {
            errors.add("plantCountry: must be an ISO 3166-1 alpha-2 code");
        }
        listSize(l.registrations(), 50, "registrations", errors);
        listSize(l.deregistrations(), 50, "deregistrations", errors);
        listSize(l.odometerReadings(), 500, "odometerReadings", errors);
        listSize(l.titleBrands(), 50, "titleBrands", errors);
        if (l.registrations() != null) {
            for (int i = 0; i < l.registrations().size(); i++) {
                RegistrationInput r = l.registrations().get(i);
                String p = "registrations[" + i + "].";
                notNull(r.date(), p + "date", errors);
                region(r.region(), true, p + "region", errors);
                size(r.city(), 80, p + "city", errors);
                size(r.plate(), 16, p + "plate", errors);
                notNull(r.ownerType(), p + "ownerType", errors);
                size(r.ownerId(), 64, p + "ownerId", errors);
            }
        }
        if (l.deregistrations() != null) {
            for (int i = 0; i < l.deregistrations().size(); i++) {
                DeregistrationInput d = l.deregistrations().get(i);
                String p = "deregistrations[" + i + "].";
                notNull(d.date(), p + "date", errors);
                notNull(d.reason(), p + "reason", errors);
                region(d.region(), false, p + "region", errors);
            }
        }
        if (l.odometerReadings() != null) {
            for (int i = 0; i < l.odometerReadings().size(); i++) {
                OdometerReadingInput r = l.odometerReadings().get(i);
                String p = "odometerReadings[" + i + "].";
                notNull(r.date(), p + "date", errors);
                notNull(r.km(), p + "km", errors);
                range(r.km(), 0, 5_000_000, p + "km", errors);
                notNull(r.source(), p + "source", errors);
                size(r.reason(), 500, p + "reason", errors);
            }
        }
        if (l.titleBrands() != null) {
            for (int i = 0; i < l.titleBrands().size(); i++) {
                TitleBrandInput b = l.titleBrands().get(i);
                String p = "titleBrands[" + i + "].";
                notNull(b.brand(), p + "brand", errors);
                notNull(b.date(), p + "date", errors);
                size(b.source(), 120, p + "source", errors);
                size(b.note(), 500, p + "note", errors);
            }
        }
    }

    private static void size(String s, int max, String field, List<String> errors) {
        if (s != null && s.length() > max) {
            errors.add(field + ": size must be between 0 and " + max);
        }
    }

    private static void listSize(List<?> l, int max, String field, List<String> errors) {
        if (l != null && l.size() > max) {
            errors.add(field + ": size must be between 0 and " + max);
        } else if (l != null) {
            for (Object o : l) {
                if (o == null) {
                    errors.add(field + ": must not contain null");
                    return;
                }
            }
        }
    }

    private static void range(Integer n, int min, int max, String field, List<String> errors) {
        if (n != null && n < min) {
            errors.add(field + ": must be greater than or equal to " + min);
        } else if (n != null && n > max) {
            errors.add(field + ": must be less than or equal to " + max);
        }
    }

    private static void notNull(Object o, String field, List<String> errors) {
        if (o == null) {
            errors.add(field + ": must not be null");
        }
    }

    private static void region(String s, boolean required, String field, List<String> errors) {
        if (s == null) {
            if (required) {
                errors.add(field + ": must not be null");
            }
        } else if (!REGION.matcher(s).matches()) {
            errors.add(field + ": must be an ISO 3166-2 code such as CN-SC");
        }
    }

    private static boolean upper(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }
}
