package io.zmx.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ConfigMaps and Secrets the operator creates before `kubectl apply -k`, read from the table between
 * {@code <!-- operator-supplied:begin -->} and {@code <!-- operator-supplied:end -->} in k8s/README.md, so the
 * documentation and the checks cannot disagree.
 */
record OperatorSupplied(String kind, String name, Set<String> overlays, Set<String> keys) {

    static List<OperatorSupplied> fromReadme() {
        String readme = Repo.read(Repo.K8S.resolve("README.md"));
        int begin = readme.indexOf("<!-- operator-supplied:begin -->");
        int end = readme.indexOf("<!-- operator-supplied:end -->");
        if (begin < 0 || end < begin) {
            throw new AssertionError("k8s/README.md has no operator-supplied table between its markers");
        }
        List<OperatorSupplied> entries = new ArrayList<>();
        for (String line : readme.substring(begin, end).split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !(cells[1].trim().equals("Secret") || cells[1].trim().equals("ConfigMap"))) {
                continue;
            }
            String name = cells[2].replace("`", "").trim();
            Set<String> overlays = Stream.of(cells[3].split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toSet());
            Set<String> keys = cells.length < 5 ? Set.of() : Stream.of(cells[4].split(",")).map(k -> k.replace("`", "").trim())
                    .filter(k -> !k.isEmpty()).collect(Collectors.toSet());
            entries.add(new OperatorSupplied(cells[1].trim(), name, overlays, keys));
        }
        return entries;
    }
}
