package io.zmx.registry.domain;

public enum ReadingSource { REGISTRATION, INSPECTION, SERVICE, EXPORT_INSPECTION, OWNER }
