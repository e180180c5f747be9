package io.zmx.registry.service;

import java.util.List;

/** The entities of one page of a list and how many match in all (the api layer turns it into its Page view). */
public record Slice<T>(List<T> items, long total) {}
