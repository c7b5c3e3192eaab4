package io.leadflow.intake.domain;

import java.util.Map;

/** What a source sent, as read from its request: the submitted values, or why they could not be read. */
public sealed interface Submission {

    /** The submitted values by name; nested maps for dotted names, lists for repeated ones. */
    record Values(Map<String, Object> values) implements Submission {
    }

    /** The request could not be read; {@code message} says why, in the words the source is answered with. */
    record Unreadable(Refusal refusal, String message) implements Submission {
    }
}
