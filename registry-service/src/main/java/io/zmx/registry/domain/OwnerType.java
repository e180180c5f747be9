package io.zmx.registry.domain;

public enum OwnerType { PERSON, COMPANY, DEALER }
