package io.leadflow.intake.domain;

import io.leadflow.flow.Acceptance;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadFields;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.ResponseMode;
import io.leadflow.flow.SourceDefinition;
import io.leadflow.integration.TypedValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes a source's submission to a flow: admits the caller (flow, source, allow-list, auth), types the fields,
 * applies the acceptance criteria, publishes the lead and answers only once it is stored (async), or once it completed
 * or the source's response timeout passed (sync). A refused submission still becomes a lead, published with its
 * rejection. A submission with an Idempotency-Key creates a lead only for the key's first claim; repeats get its
 * answer again. Pings are answered from the acceptance criteria alone.
 */
public final class LeadIntake {

    private final FlowCatalog flows;
    private final SourceGuard guard;
    private final LeadIds leadIds;
    private final LeadPublisher publisher;
    private final CompletionWaits completions;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final Duration storeTimeout;

    /**
     * @param storeTimeout how long storing a lead may take at most; a repeat waits the source's response timeout plus
     *                     this for the first submission's answer before it is told the key is in use
     */
    public LeadIntake(FlowCatalog flows, SourceGuard guard, LeadIds leadIds, LeadPublisher publisher,
                      CompletionWaits completions, IdempotencyKeys idempotencyKeys, Clock clock, Duration storeTimeout) {
        this.flows = flows;
        this.guard = guard;
        this.leadIds = leadIds;
        this.publisher = publisher;
        this.completions = completions;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
        this.storeTimeout = storeTimeout;
    }

    /** Whether the caller may submit to the flow's source; checked before its body is read. */
    public Admission admit(String flowId, String sourceId, Caller caller) {
        Optional<Flow> found = flows.find(flowId);
        if (found.isEmpty()) {
            return new IntakeAnswer.Refused(Refusal.UNKNOWN_FLOW, "Flow " + flowId + " not found", null, null);
        }
        Flow flow = found.get();
        Optional<SourceDefinition> source = flow.source(sourceId);
        if (source.isEmpty()) {
            return new IntakeAnswer.Refused(Refusal.UNKNOWN_SOURCE, "Source " + sourceId + " not found in flow "
                    + flowId, flowId, null);
        }
        if (!source.get().enabled()) {
            return new IntakeAnswer.Refused(Refusal.SOURCE_DISABLED, "Source is disabled", flowId, sourceId);
        }
        return guard.check(flow, source.get(), caller)
                .<Admission>map(refused -> refused)
                .orElseGet(() -> new Admission.Admitted(flow, source.get()));
    }

    /** Submits a lead; {@code idempotencyKey} is the source's Idempotency-Key, or null. */
    public CompletableFuture<IntakeAnswer> submit(Admission.Admitted admitted, Map<String, ?> values,
                                                  String idempotencyKey) {
        Flow flow = admitted.flow();
        SourceDefinition source = admitted.source();
        if (!flow.enabled()) {
            return CompletableFuture.completedFuture(
                    answer(IntakeAnswer.Status.FINAL, AnswerOutcome.ERROR, "Flow is disabled", null, flow, source));
        }
        if (idempotencyKey == null) {
            return accept(flow, source, values, leadIds.next()).thenApply(IntakeAnswer.class::cast);
        }
        String key = flow.id() + "\n" + source.id() + "\n" + idempotencyKey;
        String leadId = leadIds.next();
        return idempotencyKeys.claim(key, leadId, clock.instant())
                .handle((claim, failure) -> Optional.ofNullable(failure == null ? claim : null))
                .<IntakeAnswer>thenCompose(claim -> {
                    if (claim.isEmpty()) {
                        return CompletableFuture.completedFuture(notStored(flow, source));
                    }
                    if (!claim.get().leadId().equals(leadId)) {
                        return repeat(claim.get(), flow, source);
                    }
                    return accept(flow, source, values, leadId).thenCompose(answer -> remember(key, claim.get(), answer));
                });
    }

    /**
     * A ping: would the flow take this lead, and at what price? Answered from the acceptance criteria alone; no lead
     * is created and nothing is kept. Without pricing every bid is 0.
     */
    public IntakeAnswer.Answered ping(Admission.Admitted admitted, Map<String, ?> values) {
        Flow flow = admitted.flow();
        SourceDefinition source = admitted.source();
        if (!flow.enabled()) {
            return new IntakeAnswer.Answered(IntakeAnswer.Status.FINAL, AnswerOutcome.ERROR, "Flow is disabled", null,
                    0, null, flow.id(), source.id());
        }
        Lead lead = new Lead(null, flow.id(), flow.revision(), source.id(), clock.instant(),
                LeadFields.typed(flow, values));
        Optional<LeadStop> rejection = Acceptance.check(flow, source, lead);
        return new IntakeAnswer.Answered(IntakeAnswer.Status.FINAL,
                rejection.map(stop -> AnswerOutcome.of(stop.outcome())).orElse(AnswerOutcome.SUCCESS),
                rejection.map(LeadStop::reason).orElse(null), null, 0, null, flow.id(), source.id());
    }

    private CompletableFuture<IntakeAnswer.Answered> accept(Flow flow, SourceDefinition source, Map<String, ?> values,
                                                            String leadId) {
        Instant receivedAt = clock.instant();
        Map<String, TypedValue> fields = LeadFields.typed(flow, values);
        Lead lead = new Lead(leadId, flow.id(), flow.revision(), source.id(), receivedAt, fields);
        LeadStop rejection = Acceptance.check(flow, source, lead).orElse(null);
        boolean waitsForCompletion = rejection == null && source.response() == ResponseMode.SYNC;
        // Registered before publishing: the completion can arrive before the publish acknowledgement does.
        CompletableFuture<Completion> completion = waitsForCompletion
                ? completions.expect(lead.id(), source.responseTimeout()) : null;
        return publisher.publish(lead, rejection)
                .handle((stored, failure) -> failure == null)
                .thenCompose(stored -> {
                    if (!stored) {
                        if (completion != null) {
                            completions.abandon(lead.id());
                        }
                        return CompletableFuture.completedFuture(notStored(flow, source));
                    }
                    if (rejection != null) {
                        return CompletableFuture.completedFuture(answer(IntakeAnswer.Status.FINAL,
                                AnswerOutcome.of(rejection.outcome()), rejection.reason(), lead.id(), flow, source));
                    }
                    if (completion == null) {
                        return CompletableFuture.completedFuture(answer(IntakeAnswer.Status.FINAL,
                                AnswerOutcome.SUCCESS, null, lead.id(), flow, source));
                    }
                    return completion.thenApply(completed -> syncAnswer(completed, lead, flow, source));
                });
    }

    /** Records the first answer to a key (or frees the key when the lead was not stored), then gives it. */
    private CompletableFuture<IntakeAnswer> remember(String key, IdempotencyClaim claim, IntakeAnswer.Answered answer) {
        CompletableFuture<Void> recorded = answer.status() == IntakeAnswer.Status.NOT_STORED
                ? idempotencyKeys.released(key, claim) : idempotencyKeys.answered(key, claim, answer);
        return recorded.handle((done, failure) -> answer);
    }

    /** A repeat of a key's submission gets that submission's answer, once it is known. */
    private CompletableFuture<IntakeAnswer> repeat(IdempotencyClaim claim, Flow flow, SourceDefinition source) {
        long waitMillis = source.responseTimeout().plus(storeTimeout).toMillis();
        return claim.answer().copy()
                .completeOnTimeout(null, waitMillis, TimeUnit.MILLISECONDS)
                .thenCompose(first -> {
                    if (first == null) {
                        return CompletableFuture.completedFuture(new IntakeAnswer.Refused(
                                Refusal.IDEMPOTENCY_KEY_IN_USE, "A request with this Idempotency-Key is still being"
                                + " answered; send it again later", flow.id(), source.id()));
                    }
                    IntakeAnswer given = first.map(IntakeAnswer.Answered::replay).orElseGet(() -> notStored(flow, source));
                    return CompletableFuture.completedFuture(given);
                });
    }

    private static IntakeAnswer.Answered syncAnswer(Completion completed, Lead lead, Flow flow,
                                                    SourceDefinition source) {
        if (completed == null) {
            return new IntakeAnswer.Answered(IntakeAnswer.Status.PENDING, AnswerOutcome.PENDING, null, lead.id(), 0,
                    null, flow.id(), source.id());
        }
        return new IntakeAnswer.Answered(IntakeAnswer.Status.FINAL, AnswerOutcome.of(completed.outcome()),
                completed.reason(), lead.id(), completed.price(),
                source.verbose() ? completed.appendedByEntity() : null, flow.id(), source.id());
    }

    private static IntakeAnswer.Answered notStored(Flow flow, SourceDefinition source) {
        return answer(IntakeAnswer.Status.NOT_STORED, AnswerOutcome.ERROR, "Lead could not be stored; please retry",
                null, flow, source);
    }

    private static IntakeAnswer.Answered answer(IntakeAnswer.Status status, AnswerOutcome outcome, String reason,
                                                String leadId, Flow flow, SourceDefinition source) {
        return new IntakeAnswer.Answered(status, outcome, reason, leadId, 0, null, flow.id(), source.id());
    }
}
