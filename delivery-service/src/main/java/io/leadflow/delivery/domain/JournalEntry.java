package io.leadflow.delivery.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step of work on a lead produced, to be recorded atomically: its events (attempts, completion), what it
 * scheduled (retries) or parked (dead letters), and the progress that accounts for them. Filled by one task at a time.
 */
public final class JournalEntry {

    private final Origin origin;
    private final List<DeliveryAttempt> attempts = new ArrayList<>();
    private final List<ScheduledRetry> retries = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<StepProgress> stepProgress = new ArrayList<>();
    private Completion completion;
    private FirstPassProgress firstPass;

    public JournalEntry(Origin origin) {
        this.origin = origin;
    }

    void add(DeliveryAttempt attempt) {
        attempts.add(attempt);
    }

    void add(ScheduledRetry retry) {
        retries.add(retry);
    }

    void add(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    void add(StepProgress progress) {
        stepProgress.removeIf(known -> known.stepId().equals(progress.stepId()));
        stepProgress.add(progress);
    }

    void complete(Completion completed) {
        completion = completed;
    }

    void progress(FirstPassProgress progress) {
        firstPass = progress;
    }

    /** Whether there is anything to record beyond the first pass's own progress. */
    boolean hasEvents() {
        return !attempts.isEmpty() || !retries.isEmpty() || !deadLetters.isEmpty() || completion != null;
    }

    public Origin origin() {
        return origin;
    }

    public List<DeliveryAttempt> attempts() {
        return List.copyOf(attempts);
    }

    public List<ScheduledRetry> retries() {
        return List.copyOf(retries);
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public List<StepProgress> stepProgress() {
        return List.copyOf(stepProgress);
    }

    /** The completion, or null. */
    public Completion completion() {
        return completion;
    }

    /** The first pass's progress, or null when this entry does not change it. */
    public FirstPassProgress firstPass() {
        return firstPass;
    }

    public boolean isEmpty() {
        return !hasEvents() && firstPass == null && stepProgress.isEmpty();
    }
}
