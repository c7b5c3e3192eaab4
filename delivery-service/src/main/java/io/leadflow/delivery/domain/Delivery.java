package io.leadflow.delivery.domain;

import java.util.List;

/** What delivering one lead produced: an attempt per recipient step that sent it, in flow order, and its completion. */
public record Delivery(List<DeliveryAttempt> attempts, Completion completion) {
}
