package io.zmx.export.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record PageView<T>(List<T> items, int page, int size, long total) {}
