package io.leadflow.flow;

/** The kinds of flow steps. */
public enum StepKind {
    ENHANCEMENT, FILTER, RECIPIENT
}
