package io.zmx.edge;

/**
 * page + size paging, the same limits everywhere: {@code size} 1..{@value #MAX_SIZE}, {@code page}
 * 0..{@value #MAX_PAGE}, so {@code page * size} never overflows (it did: 500 on every list endpoint). Resources
 * annotate their parameters with these constants ({@code @Max(Paging.MAX_PAGE)}); queries use {@link #offset}.
 */
public final class Paging {

    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 1_000_000;

    private Paging() {}

    /** First row of the page, computed in long. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }

    /** The offset as an int for JPA's setFirstResult; the caps above keep it in range. */
    public static int firstResult(int page, int size) {
        return Math.toIntExact(offset(page, size));
    }
}
