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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a source's submission to a flow: checks flow and source, types the fields, applies the acceptance criteria,
 * publishes the lead and answers only once it is stored (async), or once it completed or the source's response
 * timeout passed (sync). A refused submission still becomes a lead, published with its rejection.
 */
public final class LeadIntake {

    private final FlowCatalog flows;
    private final LeadIds leadIds;
    private final LeadPublisher publisher;
    private final CompletionWaits completions;
    private final Clock clock;

    public LeadIntake(FlowCatalog flows, LeadIds leadIds, LeadPublisher publisher, CompletionWaits completions,
                      Clock clock) {
        this.flows = flows;
        this.leadIds = leadIds;
        this.publisher = publisher;
        this.completions = completions;
        this.clock = clock;
    }

    public CompletableFuture<IntakeAnswer> submit(String flowId, String sourceId, Submission submission) {
        Optional<Flow> found = flows.find(flowId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_FLOW, "Flow " + flowId + " not found", null, null);
        }
        Flow flow = found.get();
        Optional<SourceDefinition> source = flow.source(sourceId);
        if (source.isEmpty()) {
            return refused(Refusal.UNKNOWN_SOURCE, "Source " + sourceId + " not found in flow " + flowId, flowId, null);
        }
        if (!source.get().enabled()) {
            return refused(Refusal.SOURCE_DISABLED, "Source is disabled", flowId, sourceId);
        }
        if (submission instanceof Submission.Unreadable unreadable) {
            return refused(unreadable.refusal(), unreadable.message(), flowId, sourceId);
        }
        if (!flow.enabled()) {
            return answered(IntakeAnswer.Status.FINAL, AnswerOutcome.ERROR, "Flow is disabled", null, 0, null,
                    flow, source.get());
        }
        return accept(flow, source.get(), ((Submission.Values) submission).values());
    }

    private CompletableFuture<IntakeAnswer> accept(Flow flow, SourceDefinition source, Map<String, Object> values) {
        Instant receivedAt = clock.instant();
        Map<String, TypedValue> fields = LeadFields.typed(flow, values);
        LeadStop rejection = Acceptance.check(flow, fields).orElse(null);
        Lead lead = new Lead(leadIds.next(), flow.id(), flow.revision(), source.id(), receivedAt, fields);
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
                        return answered(IntakeAnswer.Status.NOT_STORED, AnswerOutcome.ERROR,
                                "Lead could not be stored; please retry", null, 0, null, flow, source);
                    }
                    if (rejection != null) {
                        return answered(IntakeAnswer.Status.FINAL, AnswerOutcome.of(rejection.outcome()),
                                rejection.reason(), lead.id(), 0, null, flow, source);
                    }
                    if (completion == null) {
                        return answered(IntakeAnswer.Status.FINAL, AnswerOutcome.SUCCESS, null, lead.id(), 0, null,
                                flow, source);
                    }
                    return completion.thenApply(completed -> syncAnswer(completed, lead, flow, source));
                });
    }

    private static IntakeAnswer syncAnswer(Completion completed, Lead lead, Flow flow, SourceDefinition source) {
        if (completed == null) {
            return new IntakeAnswer.Answered(IntakeAnswer.Status.PENDING, AnswerOutcome.PENDING, null, lead.id(), 0,
                    null, flow.id(), source.id());
        }
        return new IntakeAnswer.Answered(IntakeAnswer.Status.FINAL, AnswerOutcome.of(completed.outcome()),
                completed.reason(), lead.id(), completed.price(),
                source.verbose() ? completed.appendedByEntity() : null, flow.id(), source.id());
    }

    private static CompletableFuture<IntakeAnswer> refused(Refusal refusal, String message, String flowId,
                                                           String sourceId) {
        return CompletableFuture.completedFuture(new IntakeAnswer.Refused(refusal, message, flowId, sourceId));
    }

    private static CompletableFuture<IntakeAnswer> answered(IntakeAnswer.Status status, AnswerOutcome outcome,
                                                            String reason, String leadId, double price,
                                                            Map<String, Object> appended, Flow flow,
                                                            SourceDefinition source) {
        return CompletableFuture.completedFuture(new IntakeAnswer.Answered(status, outcome, reason, leadId, price,
                appended, flow.id(), source.id()));
    }
}
