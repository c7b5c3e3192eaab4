package io.leadflow.delivery.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * Which dead letters to list or replay: every criterion given must hold (null means any). {@code reason} matches
 * part of the reason or the category, ignoring case; {@code from} is inclusive and {@code to} exclusive.
 */
public record DeadLetterFilter(String flow, String step, String entity, String lead, String reason, Instant from,
                               Instant to) {

    public boolean matches(DeadLetter deadLetter) {
        return same(flow, deadLetter.flowId()) && same(step, deadLetter.stepId())
                && same(entity, deadLetter.entity()) && same(lead, deadLetter.leadId())
                && (reason == null || contains(deadLetter.reason(), reason)
                        || contains(deadLetter.category().name().replace('_', ' '), reason.replace('_', ' ')))
                && (from == null || !deadLetter.at().isBefore(from))
                && (to == null || deadLetter.at().isBefore(to));
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
