package io.leadflow.feedback.domain;

/** Kind of a flow step; OTHER for a kind this version does not know. */
public enum StepType {
    ENHANCEMENT,
    FILTER,
    RECIPIENT,
    OTHER
}
