package io.leadflow.feedback.domain;

/** Outcome of a step, a delivery attempt or a lead. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    ERROR,
    SKIP
}
