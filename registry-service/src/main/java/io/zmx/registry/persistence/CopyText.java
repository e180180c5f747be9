package io.zmx.registry.persistence;

import java.time.LocalDate;

/** Builds rows in PostgreSQL's COPY text format: tab-separated, \N for null, backslash escapes. */
public final class CopyText {

    private final StringBuilder sb = new StringBuilder(1 << 16);
    private boolean first = true;
    private int rows;

    public CopyText add(String s) {
        sep();
        if (s == null) {
            sb.append("\\N");
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return this;
    }

    public CopyText add(long n) {
        sep();
        sb.append(n);
        return this;
    }

    public CopyText add(Integer n) {
        sep();
        if (n == null) {
            sb.append("\\N");
        } else {
            sb.append(n.intValue());
        }
        return this;
    }

    public CopyText add(boolean b) {
        sep();
        sb.append(b ? 't' : 'f');
        return this;
    }

    public CopyText add(LocalDate d) {
        return add(d == null ? null : d.toString());
    }

    public CopyText add(Enum<?> e) {
        return add(e == null ? null : e.name());
    }

    public void endRow() {
        sb.append('\n');
        first = true;
        rows++;
    }

    public int rows() {
        return rows;
    }

    public CharSequence text() {
        return sb;
    }

    private void sep() {
        if (!first) {
            sb.append('\t');
        }
        first = false;
    }
}
