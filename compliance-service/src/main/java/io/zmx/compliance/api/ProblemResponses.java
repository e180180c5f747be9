package io.zmx.compliance.api;

/** Shared descriptions for the problem responses documented on every operation. */
final class ProblemResponses {
    static final String PROBLEM = "application/problem+json";

    private ProblemResponses() {}
}
