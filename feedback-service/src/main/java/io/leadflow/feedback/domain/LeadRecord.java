package io.leadflow.feedback.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything this service keeps about one lead, built from the lead topics in any order: the submission, each
 * step's latest result, every delivery attempt, the completion and the feedback with its decisions. It is also the
 * lead's timeline. {@code lead} is null until an event that names the lead's flow and source has arrived.
 */
public record LeadRecord(Lead lead, List<Step> steps, List<Delivery> deliveries, Completion completion,
                         List<FeedbackEntry> feedback) {

    public LeadRecord {
        deliveries = List.copyOf(deliveries);
        steps = inFlowOrder(steps, deliveries);
        feedback = List.copyOf(feedback);
    }

    /** Who submitted the lead to which flow revision, when, and its typed fields by id. */
    public record Lead(String id, String flow, String flowRevision, String source, Instant submittedAt,
                       Map<String, Field> fields) {
    }

    /** One typed field: what the source sent, its normal form, whether it is valid and its components. */
    public record Field(String type, String raw, Object normal, boolean valid, Map<String, Object> components) {
    }

    /** What one step did for the lead; for a retried recipient, its latest attempt. */
    public record Step(String step, StepType type, String entity, String integration, Outcome outcome, String reason,
                       Double price, String reference, Map<String, Object> appended, Instant startedAt,
                       long durationMs) {
    }

    /** One attempt of a recipient step. */
    public record Delivery(String step, String entity, int attempt, Outcome outcome, String reason, Double price,
                           String reference, Integer httpStatus, Instant at, String idempotencyKey) {
    }

    /** How the flow's first pass ended. */
    public record Completion(Outcome outcome, String reason, double price, Instant at) {
    }

    /** One feedback call and how it was decided. */
    public record FeedbackEntry(String id, FeedbackType type, String reason, FeedbackResult result, String entity,
                                Instant at) {
    }

    public static LeadRecord empty() {
        return new LeadRecord(null, List.of(), List.of(), null, List.of());
    }

    public boolean hasLead() {
        return lead != null;
    }

    /** This record with the lead's submission; a submission read from the intake replaces one taken from later events. */
    public LeadRecord withLead(Lead submitted, boolean authoritative) {
        return lead == null || authoritative ? new LeadRecord(submitted, steps, deliveries, completion, feedback) : this;
    }

    /** This record with these step results: a known step is replaced in place unless {@code onlyNew}. */
    public LeadRecord withSteps(List<Step> results, boolean onlyNew) {
        List<Step> merged = new ArrayList<>(steps);
        for (Step result : results) {
            int known = indexOfStep(merged, result.step());
            if (known >= 0 && !onlyNew) {
                merged.set(known, result);
            } else if (known < 0) {
                merged.add(result);
            }
        }
        return new LeadRecord(lead, merged, deliveries, completion, feedback);
    }

    /** This record with a delivery attempt; an attempt already recorded changes nothing. */
    public LeadRecord withDelivery(Delivery attempt, Step result) {
        boolean recorded = deliveries.stream()
                .anyMatch(known -> known.step().equals(attempt.step()) && known.attempt() == attempt.attempt());
        if (recorded) {
            return this;
        }
        boolean latest = deliveries.stream()
                .noneMatch(known -> known.step().equals(attempt.step()) && known.attempt() > attempt.attempt());
        List<Delivery> attempts = new ArrayList<>(deliveries);
        attempts.add(attempt);
        LeadRecord updated = new LeadRecord(lead, steps, attempts, completion, feedback);
        return latest ? updated.withSteps(List.of(result), false) : updated;
    }

    /** This record with the lead's completion; there is one per lead, so a repeat changes nothing. */
    public LeadRecord withCompletion(Completion completed) {
        return completion != null ? this : new LeadRecord(lead, steps, deliveries, completed, feedback);
    }

    public LeadRecord withFeedback(FeedbackEntry entry) {
        List<FeedbackEntry> entries = new ArrayList<>(feedback);
        entries.add(entry);
        return new LeadRecord(lead, steps, deliveries, completion, entries);
    }

    public boolean hasFeedback(String feedbackId) {
        return feedback.stream().anyMatch(entry -> entry.id().equals(feedbackId));
    }

    /** The first attempt any recipient accepted. */
    public Optional<Delivery> firstAccepted() {
        return deliveries.stream().filter(attempt -> attempt.outcome() == Outcome.SUCCESS).findFirst();
    }

    /** The first attempt this recipient entity accepted. */
    public Optional<Delivery> firstAcceptedBy(String entity) {
        return deliveries.stream()
                .filter(attempt -> attempt.outcome() == Outcome.SUCCESS && entity.equals(attempt.entity()))
                .findFirst();
    }

    /** Whether a return by this recipient entity was already matched. */
    public boolean wasReturnedBy(String entity) {
        return feedback.stream().anyMatch(entry -> entry.type() == FeedbackType.RETURN
                && entry.result() == FeedbackResult.MATCHED && entity.equals(entry.entity()));
    }

    private static int indexOfStep(List<Step> steps, String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Steps by when each first started (a retried recipient keeps the place of its first attempt), which is the
     * flow's order whatever order the topics delivered the events in.
     */
    private static List<Step> inFlowOrder(List<Step> steps, List<Delivery> deliveries) {
        List<Step> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparing(step -> firstStart(step, deliveries)));
        return List.copyOf(ordered);
    }

    private static Instant firstStart(Step step, List<Delivery> deliveries) {
        return deliveries.stream()
                .filter(attempt -> attempt.step().equals(step.step()))
                .map(Delivery::at)
                .reduce(step.startedAt(), (first, next) -> next.isBefore(first) ? next : first);
    }
}
