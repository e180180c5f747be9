package io.zmx.registry.domain;

public enum DriveSide { LHD, RHD }
