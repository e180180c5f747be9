package io.zmx.compliance.domain;

/**
 * Which filings a rule set judges: ORIGIN sets the filings leaving that country (CN export rules),
 * DESTINATION sets those bound for it, GROUP sets those bound for any member (the EAEU).
 */
public enum RuleSetScope {
    ORIGIN, DESTINATION, GROUP
}
