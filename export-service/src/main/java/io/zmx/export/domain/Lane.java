package io.zmx.export.domain;

/** Selectivity lane, as customs systems use it: GREEN clears, YELLOW holds for an officer, RED rejects. */
public enum Lane {
    GREEN, YELLOW, RED;

    public Lane worst(Lane other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
