package io.zmx.registry.service.imports;

/** What the submitter's roles allow an import's lines to carry: vehicle data, history, or both. */
public record Rights(boolean vehicles, boolean history) {

    public static Rights of(java.util.Set<String> roles) {
        boolean admin = roles.contains("admin");
        return new Rights(admin || roles.contains("manufacturer"), admin || roles.contains("registrar"));
    }
}
