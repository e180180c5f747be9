package io.zmx.registry.domain;

public enum DeregistrationReason { EXPORT, SCRAP, THEFT, OTHER }
