package io.zmx.compliance.api;

/** Role names as they appear in tokens. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String RULE_AUTHOR = "rule-author";
    public static final String EXPORT_SERVICE = "export-service";
    public static final String EXPORTER = "exporter", MANUFACTURER = "manufacturer", REGISTRAR = "registrar",
            CUSTOMS = "customs", AGENCY = "agency", ANALYST = "analyst";

    private Roles() {}
}
