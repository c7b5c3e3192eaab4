package io.leadflow.feedback.domain;

/** The outcome of reading a feedback call: a valid request, or the first field that is missing or invalid. */
public sealed interface ParsedFeedback permits FeedbackRequest, InvalidField {
}
