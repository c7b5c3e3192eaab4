package io.leadflow.enhancement.domain;

import java.time.Instant;

/** The lists processor's answer to a query or check-and-add on one list. */
public record ListAnswer(String list, boolean found, boolean added, Instant addedAt) {
}
