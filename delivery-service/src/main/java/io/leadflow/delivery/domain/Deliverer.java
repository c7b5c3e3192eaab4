package io.leadflow.delivery.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.rules.Rules;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.Outcome;
import io.leadflow.servicekit.EventIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a lead in delivery. The first pass runs the flow's recipient and filter steps in order, resuming
 * after what its progress says is done, and completes the lead once; each recipient's attempt is recorded before the
 * next recipient is called. An {@code error} is retried on the step's schedule, on its own, after the first pass;
 * a delivery out of retries, and a lead of a flow revision not loaded here, is parked as a dead letter.
 */
public final class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    private static final int TOO_MANY_REQUESTS = 429;

    private final FlowCatalog flows;
    private final FlowRunner runner;
    private final StepGate gate;
    private final Journal journal;
    private final ProgressView progress;
    private final RetrySchedule schedule;
    private final RecipientBatches batches;
    private final Clock clock;

    public Deliverer(FlowCatalog flows, FlowRunner runner, StepGate gate, Journal journal, ProgressView progress,
                     RetrySchedule schedule, RecipientBatches batches, Clock clock) {
        this.flows = flows;
        this.runner = runner;
        this.batches = batches;
        this.gate = gate;
        this.journal = journal;
        this.progress = progress;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Runs a lead's first pass, or what is left of it; completes once all of it is recorded. */
    public CompletableFuture<Void> firstPass(FirstPass pass) {
        Lead lead = pass.lead();
        FirstPassProgress done = progress.firstPass(lead.id()).orElse(FirstPassProgress.none(lead.id()));
        if (done.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        if (pass.stop() != null) {
            JournalEntry entry = new JournalEntry(pass.origin());
            completeUnlessCompleted(entry, pass, done, pass.stop(), pass.enhancementSteps());
            entry.progress(FirstPassProgress.done(lead.id()));
            return journal.record(entry);
        }
        Optional<Flow> flow = flows.find(lead.flowId(), lead.flowRevision());
        if (flow.isEmpty()) {
            return parkNotLoaded(pass, done);
        }
        return new Pass(flow.get(), pass, done).next();
    }

    /** Makes a scheduled attempt of a recipient step (or, for a first-pass replay, the first pass). */
    public CompletableFuture<Void> retry(ScheduledRetry retry, Origin origin) {
        if (retry.isFirstPass()) {
            return firstPass(new FirstPass(retry.enhancedEventId(), retry.lead(), retry.priorSteps(), retry.stop(),
                    retry.replayOf(), origin));
        }
        Lead lead = retry.lead();
        StepProgress made = progress.step(lead.id(), retry.stepId()).orElse(StepProgress.none(lead.id(), retry.stepId()));
        if (made.attempts() >= retry.attempt()) {
            return CompletableFuture.completedFuture(null);
        }
        JournalEntry entry = new JournalEntry(origin);
        Optional<Flow> flow = flows.find(lead.flowId(), lead.flowRevision());
        Optional<StepDefinition> step = flow.flatMap(loaded -> loaded.step(retry.stepId()))
                .filter(found -> found.kind() == StepKind.RECIPIENT);
        if (step.isEmpty()) {
            String reason = flow.isEmpty() ? notLoaded(lead)
                    : "Flow " + lead.flowId() + " revision " + lead.flowRevision() + " has no recipient step "
                    + retry.stepId();
            entry.add(new DeadLetter(DeadLetter.idFor(origin, lead.id()), clock.instant(), lead.id(),
                    DeadLetterCategory.FLOW_NOT_LOADED, reason, lead.flowId(), lead.flowRevision(), retry.stepId(),
                    null, retry.attempt() - 1, retry.firstAttemptAt(), null, origin, retry, null));
            entry.add(new StepProgress(lead.id(), retry.stepId(), made.attempts(), true));
            return journal.record(entry);
        }
        LeadView view = new LeadView(flow.get(), lead, retry.priorSteps());
        return call(flow.get(), step.get(), lead, view).thenCompose(passage -> {
            StepResult result = passage.result();
            Instant now = clock.instant();
            DeliveryAttempt attempt = DeliveryAttempt.of(retry.enhancedEventId(), now, lead, result, retry.attempt());
            entry.add(attempt);
            afterAttempt(entry, step.get(), retry.enhancedEventId(), lead, retry.priorSteps(), attempt,
                    retry.scheduleStart(), retry.firstAttemptAt(), passage.retryAfter());
            return journal.record(entry);
        });
    }

    /** Parks a record whose value could not be decoded: its key and bytes, and why. */
    public CompletableFuture<Void> parkUndecodable(Origin origin, String leadId, String reason, byte[] payload) {
        JournalEntry entry = new JournalEntry(origin);
        entry.add(DeadLetter.undecodable(origin, leadId, reason, payload, clock.instant()));
        return journal.record(entry);
    }

    /** Parks a first pass whose processing failed unexpectedly (a bug); a replay runs it again. */
    public CompletableFuture<Void> park(FirstPass pass, Throwable failure) {
        Instant now = clock.instant();
        ScheduledRetry replay = new ScheduledRetry(
                EventIds.derived("retry-scheduled", pass.enhancedEventId(), "first-pass"), pass.enhancedEventId(), now,
                pass.enhancedEventId(), pass.lead(), pass.enhancementSteps(), pass.stop(), null, DeliveryAttempt.FIRST,
                DeliveryAttempt.FIRST, now, now, null, pass.replayOf());
        return park(pass.origin(), replay, failure);
    }

    /** Parks a scheduled attempt whose processing failed unexpectedly (a bug); a replay makes it again. */
    public CompletableFuture<Void> park(ScheduledRetry retry, Origin origin, Throwable failure) {
        return park(origin, retry, failure);
    }

    private CompletableFuture<Void> park(Origin origin, ScheduledRetry replay, Throwable failure) {
        log.error("Delivering lead {} failed unexpectedly; parking it", replay.lead().id(), failure);
        JournalEntry entry = new JournalEntry(origin);
        entry.add(DeadLetter.failed(origin, replay, "Processing failed: " + failure.getClass().getSimpleName(),
                clock.instant()));
        return journal.record(entry);
    }

    /** One first pass: the delivery steps from where the progress left off, recorded before each next recipient. */
    private final class Pass {
        private final Flow flow;
        private final FirstPass pass;
        private final FirstPassProgress before;
        private final List<StepResult> done;
        private LeadView view;
        private JournalEntry pending;

        Pass(Flow flow, FirstPass pass, FirstPassProgress before) {
            this.flow = flow;
            this.pass = pass;
            this.before = before;
            this.done = new ArrayList<>(before.steps());
            this.view = new LeadView(flow, pass.lead(), concat(pass.enhancementSteps(), done));
            this.pending = new JournalEntry(pass.origin());
        }

        CompletableFuture<Void> next() {
            List<StepDefinition> steps = flow.deliverySteps();
            if (done.size() >= steps.size()) {
                return finish(null);
            }
            StepDefinition step = steps.get(done.size());
            boolean calls = step.kind() == StepKind.RECIPIENT && Rules.holds(step.criteria(), view);
            if (calls && pending.hasEvents()) {
                // The earlier recipient's attempt is recorded before the next recipient is called.
                JournalEntry recorded = pending;
                pending = new JournalEntry(pass.origin());
                return journal.record(recorded).thenCompose(ignored -> run(step, true));
            }
            return run(step, calls);
        }

        private CompletableFuture<Void> run(StepDefinition step, boolean calls) {
            CompletableFuture<StepGate.Passage> passage = calls ? call(flow, step, pass.lead(), view)
                    : runner.runStep(flow, step, view).thenApply(result -> new StepGate.Passage(result, null));
            return passage.thenCompose(answered -> {
                StepResult result = answered.result();
                List<StepResult> prior = concat(pass.enhancementSteps(), done);
                done.add(result);
                view = view.with(result);
                if (step.kind() == StepKind.RECIPIENT && result.outcome() != Outcome.SKIP) {
                    Instant now = clock.instant();
                    DeliveryAttempt attempt = DeliveryAttempt.of(pass.enhancedEventId(), now, pass.lead(), result,
                            DeliveryAttempt.FIRST);
                    pending.add(attempt);
                    afterAttempt(pending, step, pass.enhancedEventId(), pass.lead(), prior, attempt,
                            DeliveryAttempt.FIRST, now, answered.retryAfter());
                }
                pending.progress(new FirstPassProgress(pass.lead().id(), List.copyOf(done), before.completed(), false));
                Optional<LeadStop> stop = FlowRunner.stopBy(step, result);
                return stop.isPresent() ? finish(stop.get()) : next();
            });
        }

        private CompletableFuture<Void> finish(LeadStop stop) {
            completeUnlessCompleted(pending, pass, before, stop, concat(pass.enhancementSteps(), done));
            pending.progress(FirstPassProgress.done(pass.lead().id()));
            return journal.record(pending);
        }
    }

    /**
     * A recipient step through the gate, in the step's next batch when it batches; a 429 is an error whatever the
     * integration made of it.
     */
    private CompletableFuture<StepGate.Passage> call(Flow flow, StepDefinition step, Lead lead, LeadView view) {
        return gate.pass(flow, step, StepRunner.idempotencyKey(lead.id(), step.id()),
                () -> step.batch() != null ? batches.add(flow, step, view) : runner.runStep(flow, step, view))
                .thenApply(passage -> {
                    StepResult result = passage.result();
                    if (result.httpStatus() != null && result.httpStatus() == TOO_MANY_REQUESTS
                            && result.outcome() != Outcome.ERROR) {
                        return new StepGate.Passage(new StepResult(result.stepId(), result.kind(), result.entity(),
                                result.integration(), Outcome.ERROR, "Too many requests", null, null,
                                result.appended(), result.startedAt(), result.duration(), result.httpStatus()),
                                passage.retryAfter());
                    }
                    return passage;
                });
    }

    /**
     * After an attempt: an {@code error} schedules the next attempt, or parks the delivery when the step's schedule
     * is exhausted; any other outcome ends the step's attempts.
     */
    private void afterAttempt(JournalEntry entry, StepDefinition step, String enhancedEventId, Lead lead,
                              List<StepResult> priorSteps, DeliveryAttempt attempt, int scheduleStart,
                              Instant firstAttemptAt, Duration retryAfter) {
        StepResult result = attempt.result();
        int number = attempt.attempt();
        if (result.outcome() != Outcome.ERROR) {
            entry.add(new StepProgress(lead.id(), step.id(), number, true));
            return;
        }
        Instant now = attempt.occurredAt();
        Optional<Instant> due = schedule.next(step.retry(), number - scheduleStart + 1, firstAttemptAt, now,
                retryAfter);
        ScheduledRetry next = ScheduledRetry.next(attempt.eventId(), now, enhancedEventId, lead, priorSteps,
                step.id(), number, scheduleStart, firstAttemptAt, due.orElse(now), result.reason());
        if (due.isPresent()) {
            entry.add(next);
            entry.add(new StepProgress(lead.id(), step.id(), number, false));
            return;
        }
        String reason = "Retries exhausted after " + number + (number == 1 ? " attempt" : " attempts")
                + (result.reason() == null ? "" : ": " + result.reason());
        entry.add(new DeadLetter(DeadLetter.idFor(entry.origin(), lead.id() + ":" + step.id() + ":" + number), now,
                lead.id(), DeadLetterCategory.RETRIES_EXHAUSTED, reason, lead.flowId(), lead.flowRevision(),
                step.id(), step.entity(), number, firstAttemptAt, now, entry.origin(), next, null));
        entry.add(new StepProgress(lead.id(), step.id(), number, true));
    }

    private CompletableFuture<Void> parkNotLoaded(FirstPass pass, FirstPassProgress done) {
        Lead lead = pass.lead();
        log.warn("Lead {} names flow {} revision {}, which is not loaded", lead.id(), lead.flowId(),
                lead.flowRevision());
        String reason = notLoaded(lead);
        JournalEntry entry = new JournalEntry(pass.origin());
        completeUnlessCompleted(entry, pass, done, new LeadStop(null, Outcome.ERROR, reason), pass.enhancementSteps());
        entry.progress(new FirstPassProgress(lead.id(), List.of(), true, false));
        Instant now = clock.instant();
        ScheduledRetry replay = new ScheduledRetry(
                EventIds.derived("retry-scheduled", pass.enhancedEventId(), "first-pass"), pass.enhancedEventId(), now, pass.enhancedEventId(), lead,
                pass.enhancementSteps(), null, null, DeliveryAttempt.FIRST, DeliveryAttempt.FIRST, now, now, reason,
                pass.replayOf());
        entry.add(new DeadLetter(DeadLetter.idFor(pass.origin(), lead.id()), now, lead.id(),
                DeadLetterCategory.FLOW_NOT_LOADED, reason, lead.flowId(), lead.flowRevision(), null, null, 0, null,
                null, pass.origin(), replay, null));
        return journal.record(entry);
    }

    private void completeUnlessCompleted(JournalEntry entry, FirstPass pass, FirstPassProgress done, LeadStop stop,
                                         List<StepResult> steps) {
        if (!done.completed()) {
            entry.complete(Completion.of(pass.enhancedEventId(), clock.instant(), pass.lead(), stop, steps));
        }
    }

    private String notLoaded(Lead lead) {
        String reason = "Flow " + lead.flowId() + " revision " + lead.flowRevision()
                + " is not loaded by delivery-service";
        return flows.find(lead.flowId()).map(loaded -> reason + " (it has revision " + loaded.revision() + ")")
                .orElse(reason);
    }

    private static List<StepResult> concat(List<StepResult> first, List<StepResult> second) {
        List<StepResult> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
