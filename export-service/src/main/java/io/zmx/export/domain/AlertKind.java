package io.zmx.export.domain;

/**
 * Why an alert was raised. RE_EXPORT: a VIN sighted in a country other than the destination of its last cleared
 * filing, within the window. TWO_DESTINATIONS: the same VIN filed to two destinations. AFTER_SALES_DESTINATION_MISMATCH:
 * the after-sales confirmation on a filing names another destination than the filing's. SEEN_IN_CN_REGISTRY: China's
 * registry shows the shipped car registered again after its export date (found by the deregistration check).
 */
public enum AlertKind {
    RE_EXPORT, TWO_DESTINATIONS, AFTER_SALES_DESTINATION_MISMATCH, SEEN_IN_CN_REGISTRY
}
