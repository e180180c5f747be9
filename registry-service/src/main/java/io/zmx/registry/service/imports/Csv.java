package io.zmx.registry.service.imports;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields of one line: commas, double quotes around fields, "" for a quote. No newlines inside fields. */
final class Csv {

    private Csv() {}

    static List<String> split(String line) {
        List<String> fields = new ArrayList<>(24);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        fields.add(value(field, wasQuoted));
        return fields;
    }

    private static String value(StringBuilder field, boolean quoted) {
        String s = quoted ? field.toString() : field.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
