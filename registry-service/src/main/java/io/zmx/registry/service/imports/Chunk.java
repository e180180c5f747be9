package io.zmx.registry.service.imports;

import io.zmx.registry.persistence.CopyText;
import io.zmx.registry.persistence.ImportWriter;
import io.zmx.registry.service.imports.LineChecker.CheckedLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Up to {@code zmx.import.chunk-lines} consecutive lines of a file, written in one transaction: the good ones (never
 * the same VIN twice, so later lines win in file order) and the refused ones with their reasons.
 */
final class Chunk implements ImportWriter.Batch {

    final List<CheckedLine> good = new ArrayList<>();
    private final CopyText errors = new CopyText();
    private final Set<String> vins = new HashSet<>();
    private int lines;
    private int errorCount;
    private boolean historyOnly;
    long processedThrough;

    void error(long lineNo, String vin, List<String> reasons) {
        String reason = String.join("; ", reasons);
        errors.add(lineNo).add(vin != null && vin.length() > 40 ? vin.substring(0, 40) : vin)
                .add(reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason);
        errors.endRow();
        errorCount++;
        lines++;
    }

    void stage(CheckedLine g) {
        good.add(g);
        vins.add(g.vin());
        historyOnly |= g.decoded() == null;
        lines++;
    }

    boolean holds(String vin) {
        return vins.contains(vin);
    }

    @Override
    public int lines() {
        return lines;
    }

    @Override
    public int errorCount() {
        return errorCount;
    }

    @Override
    public CopyText errors() {
        return errors;
    }

    @Override
    public long processedThrough() {
        return processedThrough;
    }

    @Override
    public Set<String> vins() {
        return vins;
    }

    /** Only whole vehicles (no history-only line) may skip staging when none of them is stored yet. */
    @Override
    public boolean mayGoDirect() {
        return !historyOnly && !good.isEmpty();
    }

    @Override
    public ImportWriter.DirectRows directRows() {
        return ChunkRows.direct(good);
    }

    @Override
    public ImportWriter.StagedRows stagedRows() {
        return ChunkRows.staged(good);
    }
}
