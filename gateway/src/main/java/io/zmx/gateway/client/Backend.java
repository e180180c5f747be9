package io.zmx.gateway.client;

/** The services behind the gateway; {@link #key()} names their block in {@code zmx.gateway.services}. */
public enum Backend {
    REGISTRY("registry", "registry-service"),
    COMPLIANCE("compliance", "compliance-service"),
    EXPORT("export", "export-service");

    private final String key;
    private final String serviceName;

    Backend(String key, String serviceName) {
        this.key = key;
        this.serviceName = serviceName;
    }

    public String key() {
        return key;
    }

    public String serviceName() {
        return serviceName;
    }
}
