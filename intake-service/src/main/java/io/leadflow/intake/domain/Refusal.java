package io.leadflow.intake.domain;

/** Why intake refused a submission without creating a lead. */
public enum Refusal {
    UNKNOWN_FLOW,
    UNKNOWN_SOURCE,
    SOURCE_DISABLED,
    MALFORMED_BODY,
    UNSUPPORTED_CONTENT_TYPE,
    BODY_TOO_LARGE
}
