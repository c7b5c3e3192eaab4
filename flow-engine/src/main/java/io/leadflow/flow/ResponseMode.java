package io.leadflow.flow;

/** How intake answers a source: at once ({@code async}), or with the lead's outcome ({@code sync}). */
public enum ResponseMode {
    ASYNC, SYNC
}
