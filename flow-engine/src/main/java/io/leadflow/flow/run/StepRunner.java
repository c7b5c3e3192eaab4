package io.leadflow.flow.run;

import io.leadflow.flow.References;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.rules.Templates;
import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.Vars;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one enhancement or recipient step for one lead: checks its criteria, renders its mappings into variables,
 * lets the module validate them and build the request, sends it, and turns the answer into a {@link StepResult}.
 * Never completes exceptionally: every problem becomes outcome {@code error} (or {@code skip}) with a reason.
 * {@link #runBatch} does the same for several leads of a recipient step at once, through a bulk request.
 */
public final class StepRunner {

    /** Sent with every recipient request: {@code <lead id>:<step id>}, so a recipient can drop a repeated delivery. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final IntegrationCatalog integrations;
    private final OutboundHttp http;
    private final References references;
    private final Clock clock;

    public StepRunner(IntegrationCatalog integrations, OutboundHttp http, References references, Clock clock) {
        this.integrations = integrations;
        this.http = http;
        this.references = references;
        this.clock = clock;
    }

    /** The {@value #IDEMPOTENCY_KEY_HEADER} of a lead's delivery by a step: the same on every attempt. */
    public static String idempotencyKey(String leadId, String stepId) {
        return leadId + ":" + stepId;
    }

    public CompletableFuture<StepResult> run(StepDefinition step, LeadView view) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        try {
            return call(step, view).thenApply(answer -> answer.toResult(step, startedAt, elapsedSince(start)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(step, e).toResult(step, startedAt, elapsedSince(start)));
        }
    }

    /**
     * Runs a recipient step for several leads: those to the same method and URL go as one bulk request when the
     * integration can join them ({@link BulkHttpOutbound}), carrying every lead's Idempotency-Key (comma-separated,
     * in lead order), and each lead's result is read from its part of the bulk answer; the rest go one by one.
     * The results are in the order of {@code views}.
     */
    public CompletableFuture<List<StepResult>> runBatch(StepDefinition step, List<LeadView> views) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        Map<String, List<Prepared>> bulks = new LinkedHashMap<>();
        for (LeadView view : views) {
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            answers.add(answer);
            try {
                Prepared prepared = prepare(step, view);
                if (prepared.immediate() != null) {
                    answer.complete(prepared.immediate());
                } else {
                    bulks.computeIfAbsent(prepared.request().method() + " " + prepared.request().url(),
                            key -> new ArrayList<>()).add(prepared.answering(answer));
                }
            } catch (RuntimeException e) {
                answer.complete(failed(step, e));
            }
        }
        for (List<Prepared> group : bulks.values()) {
            try {
                sendBulk(step, group);
            } catch (RuntimeException e) {
                group.forEach(prepared -> prepared.answer().complete(failed(step, e)));
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> answers.stream()
                .map(answer -> answer.join().toResult(step, startedAt, elapsedSince(start))).toList());
    }

    private CompletableFuture<Answer> call(StepDefinition step, LeadView view) {
        Prepared prepared = prepare(step, view);
        return prepared.immediate() != null ? CompletableFuture.completedFuture(prepared.immediate())
                : send(step, prepared);
    }

    /**
     * The step's request for this lead, or the answer without one: criteria not met or variables that do not
     * validate are {@code skip}, a module that cannot run or an unresolved reference {@code error}.
     */
    private Prepared prepare(StepDefinition step, LeadView view) {
        if (!io.leadflow.flow.rules.Rules.holds(step.criteria(), view)) {
            return Prepared.answered(Answer.of(Outcome.SKIP, "Criteria not met"));
        }
        IntegrationModule module = integrations.find(step.integration()).orElseThrow(() ->
                new IllegalStateException("Integration " + step.integration() + " is not installed"));
        if (!(module instanceof HttpOutbound outbound)) {
            return Prepared.answered(Answer.of(Outcome.ERROR,
                    "Integration " + module.id() + " cannot be run by this version"));
        }
        Vars vars;
        try {
            vars = render(step, view);
        } catch (References.UnresolvedReferenceException e) {
            return Prepared.answered(Answer.of(Outcome.ERROR, e.getMessage()));
        }
        Optional<String> problem = module.validate(vars);
        if (problem.isPresent()) {
            return Prepared.answered(Answer.of(Outcome.SKIP, problem.get()));
        }
        OutboundRequest request = outbound.request(vars);
        if (step.kind() == StepKind.RECIPIENT) {
            request = request.withHeader(IDEMPOTENCY_KEY_HEADER, idempotencyKey(view.lead().id(), step.id()));
        }
        return new Prepared(outbound, vars, request, null, null);
    }

    private CompletableFuture<Answer> send(StepDefinition step, Prepared prepared) {
        OutboundRequest sent = prepared.request();
        return http.send(sent, step.timeout())
                .thenApply(response -> Answer.of(prepared.outbound().response(prepared.vars(), sent, response), response))
                .exceptionally(failure -> failed(step, failure));
    }

    /** One bulk request for the group when the module can join it, else one request per lead. */
    private void sendBulk(StepDefinition step, List<Prepared> group) {
        Optional<OutboundRequest> joined = group.size() > 1 && group.get(0).outbound() instanceof BulkHttpOutbound bulk
                ? bulk.bulkRequest(group.stream().map(Prepared::request).toList()) : Optional.empty();
        if (joined.isEmpty()) {
            group.forEach(prepared -> send(step, prepared).thenAccept(prepared.answer()::complete));
            return;
        }
        BulkHttpOutbound bulk = (BulkHttpOutbound) group.get(0).outbound();
        OutboundRequest request = joined.get().withHeader(IDEMPOTENCY_KEY_HEADER, group.stream()
                .map(prepared -> prepared.request().headers().get(IDEMPOTENCY_KEY_HEADER))
                .collect(Collectors.joining(", ")));
        http.send(request, step.timeout()).whenComplete((response, failure) -> {
            for (int i = 0; i < group.size(); i++) {
                Prepared prepared = group.get(i);
                prepared.answer().complete(failure != null ? failed(step, failure)
                        : bulkAnswer(bulk, prepared, response, i, group.size()));
            }
        });
    }

    private static Answer bulkAnswer(BulkHttpOutbound bulk, Prepared prepared, OutboundResponse response, int index,
                                     int leads) {
        try {
            Optional<List<OutboundResponse>> parts = bulk.split(response, leads);
            if (parts.isPresent()) {
                OutboundResponse part = parts.get().get(index);
                return Answer.of(bulk.response(prepared.vars(), prepared.request(), part), part);
            }
            if (response.status() / 100 != 2) {
                return Answer.of(bulk.response(prepared.vars(), prepared.request(), response), response);
            }
            return new Answer(Outcome.ERROR, "Bulk response does not hold one result per lead (" + leads
                    + " expected)", null, null, Map.of(), response.status());
        } catch (RuntimeException e) {
            log.warn("Integration {} failed to read a bulk response", bulk.id(), e);
            return Answer.of(Outcome.ERROR, "Integration " + bulk.id() + " failed: " + e.getClass().getSimpleName());
        }
    }

    private Vars render(StepDefinition step, LeadView view) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        step.mappings().forEach((variable, template) -> {
            Object value = Templates.render(references.resolve(template), view);
            if (value != null) {
                rendered.put(variable, value);
            }
        });
        return Vars.fromPaths(rendered);
    }

    private static Answer failed(StepDefinition step, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OutboundCallException outboundFailure) {
            return Answer.of(Outcome.ERROR, outboundFailure.getMessage());
        }
        log.warn("Step {} ({}) failed unexpectedly", step.id(), step.integration(), cause);
        return Answer.of(Outcome.ERROR, "Integration " + step.integration() + " failed: " + cause.getClass().getSimpleName());
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * A lead's request, ready to send, and where its answer goes when it is sent in a batch; or, when the step sends
     * nothing for the lead, the answer it has at once ({@code immediate}).
     */
    private record Prepared(HttpOutbound outbound, Vars vars, OutboundRequest request, Answer immediate,
                            CompletableFuture<Answer> answer) {

        static Prepared answered(Answer immediate) {
            return new Prepared(null, null, null, immediate, null);
        }

        Prepared answering(CompletableFuture<Answer> answer) {
            return new Prepared(outbound, vars, request, null, answer);
        }
    }

    /** What came back from a step before it is timed. */
    private record Answer(Outcome outcome, String reason, Double price, String reference, Map<String, Object> appended,
                          Integer httpStatus) {

        static Answer of(Outcome outcome, String reason) {
            return new Answer(outcome, reason, null, null, Map.of(), null);
        }

        static Answer of(IntegrationEvent event, OutboundResponse response) {
            return new Answer(event.outcome(), event.reason(), event.numericPrice(), referenceText(event.reference()),
                    event.appended(), response.status());
        }

        StepResult toResult(StepDefinition step, Instant startedAt, Duration duration) {
            return new StepResult(step.id(), step.kind(), step.entity(), step.integration(), outcome, reason, price,
                    reference, appended, startedAt, duration, httpStatus);
        }

        private static String referenceText(Object reference) {
            if (reference instanceof Collection<?> values) {
                return values.isEmpty() ? null : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
            }
            return reference == null ? null : reference.toString();
        }
    }
}
