package io.leadflow.feedback.domain;

/** A recipient entity of a flow, as named in the flow's {@code feedback_keys}. */
public record Recipient(String flowId, String entity) {
}
