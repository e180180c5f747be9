package io.zmx.export.domain;

import java.util.List;

/** One page of a list and how many there are in all. */
public record Listing<T>(List<T> items, long total) {}
