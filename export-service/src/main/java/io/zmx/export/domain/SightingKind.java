package io.zmx.export.domain;

/** How a VIN was presented in a country. */
public enum SightingKind {
    IMPORT_DECLARATION, REGISTRATION_ATTEMPT, BORDER_CROSSING
}
