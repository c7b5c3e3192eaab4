package io.leadflow.intake.domain;

/** Why intake refused a submission without creating a lead. */
public enum Refusal {
    UNKNOWN_FLOW,
    UNKNOWN_SOURCE,
    SOURCE_DISABLED,
    ADDRESS_NOT_ALLOWED,
    API_KEY_REFUSED,
    BASIC_AUTH_REFUSED,
    IDEMPOTENCY_KEY_IN_USE
}
