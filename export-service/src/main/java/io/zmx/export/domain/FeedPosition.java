package io.zmx.export.domain;

/** A position in the event feed: the writing transaction's id (xid8, decimal text) and the row's seq. */
public record FeedPosition(String txid, long seq) {
    public static final FeedPosition START = new FeedPosition("0", 0);
}
