package io.leadflow.feedback.domain;

/** What a feedback caller is told once its feedback is decided: the result, and the recipient or the reason. */
public record FeedbackAnswer(String feedbackId, String leadId, FeedbackType type, FeedbackResult result,
                             String message, String entity) {
}
