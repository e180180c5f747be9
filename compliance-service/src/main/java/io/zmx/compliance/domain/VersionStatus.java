package io.zmx.compliance.domain;

/** Life of a rule-set version: only drafts change; published and retired versions are immutable. */
public enum VersionStatus {
    DRAFT, PUBLISHED, RETIRED
}
