package io.zmx.edge;

/**
 * One CSV cell as RFC 4180 wants it, neutralised against formula injection (OWASP "CSV Injection"): text
 * partners stored (maker, model, consignee) that begins with {@code = + - @}, tab or CR would run as a formula
 * in a spreadsheet, so it is prefixed with a single quote. Every CSV the suite writes uses this.
 */
public final class CsvCells {

    private CsvCells() {}

    public static String cell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char first = s.charAt(0);
        String v = (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
                ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
