package io.leadflow.feedback.domain;

/** A field of a feedback call the caller must correct, and why. */
public record InvalidField(String field, String message) implements ParsedFeedback {
}
