package io.zmx.compliance.engine;

/** What a rule hit does to a filing: BLOCK stops it, HOLD sends it to review, WARN and INFO only inform. */
public enum Severity {
    BLOCK, HOLD, WARN, INFO
}
