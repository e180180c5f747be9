package io.zmx.registry.domain;

public enum TitleBrandKind { SALVAGE, FLOOD, FIRE, REBUILT }
