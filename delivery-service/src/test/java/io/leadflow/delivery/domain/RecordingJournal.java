package io.leadflow.delivery.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A journal in memory that is also the progress view, as the Kafka one and the progress store are together. */
final class RecordingJournal implements Journal, ProgressView {

    final List<JournalEntry> entries = new ArrayList<>();
    private final Map<String, FirstPassProgress> firstPasses = new HashMap<>();
    private final Map<String, StepProgress> steps = new HashMap<>();

    @Override
    public synchronized CompletableFuture<Void> record(JournalEntry entry) {
        entries.add(entry);
        if (entry.firstPass() != null) {
            firstPasses.put(entry.firstPass().leadId(), entry.firstPass());
        }
        entry.stepProgress().forEach(step -> steps.put(step.leadId() + ":" + step.stepId(), step));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized Optional<FirstPassProgress> firstPass(String leadId) {
        return Optional.ofNullable(firstPasses.get(leadId));
    }

    @Override
    public synchronized Optional<StepProgress> step(String leadId, String stepId) {
        return Optional.ofNullable(steps.get(leadId + ":" + stepId));
    }

    void given(FirstPassProgress progress) {
        firstPasses.put(progress.leadId(), progress);
    }

    void given(StepProgress progress) {
        steps.put(progress.leadId() + ":" + progress.stepId(), progress);
    }

    List<DeliveryAttempt> attempts() {
        return entries.stream().flatMap(entry -> entry.attempts().stream()).toList();
    }

    List<Completion> completions() {
        return entries.stream().filter(entry -> entry.completion() != null).map(JournalEntry::completion).toList();
    }

    List<ScheduledRetry> retries() {
        return entries.stream().flatMap(entry -> entry.retries().stream()).toList();
    }

    List<DeadLetter> deadLetters() {
        return entries.stream().flatMap(entry -> entry.deadLetters().stream()).toList();
    }
}
