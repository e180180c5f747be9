package io.zmx.registry.domain;

/**
 * One thing wrong with a VIN. {@code position} is 1-based (0 when the whole VIN is at fault);
 * {@code expected} carries the check digit the other characters call for.
 */
public record VinError(Kind kind, int position, String message, String expected) {

    public enum Kind { LENGTH, ALPHABET, FORBIDDEN_LETTER, CHECK_DIGIT }
}
