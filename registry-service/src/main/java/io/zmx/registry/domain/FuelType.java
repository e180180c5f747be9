package io.zmx.registry.domain;

public enum FuelType { PETROL, DIESEL, HEV, PHEV, EREV, BEV, FCEV, CNG, LPG }
