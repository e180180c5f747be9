package io.zmx.registry.domain;

/** What is wrong with one field of what a caller said (the api layer turns these into problem violations). */
public record FieldError(String field, String message) {}
