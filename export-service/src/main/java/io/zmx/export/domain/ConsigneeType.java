package io.zmx.export.domain;

/** Who receives the vehicle in the destination; personal imports are exempt from some rules. */
public enum ConsigneeType { PERSON, COMPANY, OFFICIAL_REPRESENTATIVE }
