package io.leadflow.flow.run;

import io.leadflow.flow.References;
import io.leadflow.flow.SealedFields;
import io.leadflow.flow.auth.Authenticator;
import io.leadflow.flow.auth.Credential;
import io.leadflow.flow.auth.CredentialType;
import io.leadflow.flow.auth.CredentialMasking;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.rules.Rules;
import io.leadflow.flow.rules.Templates;
import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationException;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
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
 * Runs one enhancement or recipient step for one lead: checks its criteria, renders the lead and its mappings into
 * variables, lets the module validate them, then either sends the request the module builds or lets the module do its
 * own I/O, always with the step's credential, and turns the answer into a {@link StepResult}; a step with a
 * {@code cache_ttl} reuses a kept answer for the same variables. Never completes exceptionally: every problem becomes
 * outcome {@code error} (or {@code skip}) with a reason. {@link #runBatch} does the same for several leads of a
 * recipient step at once, through a bulk request.
 */
public final class StepRunner {

    /** Sent with every recipient request: {@code <lead id>:<step id>}, so a recipient can drop a repeated delivery. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final IntegrationCatalog integrations;
    private final Authenticator authenticator;
    private final References references;
    private final SealedFields sealedFields;
    private final Clock clock;
    private final StepCache cache;

    /** A runner whose cache counts nothing. */
    public StepRunner(IntegrationCatalog integrations, OutboundHttp http, References references, Clock clock) {
        this(integrations, http, references, clock,
                new StepCache(clock, StepCache.DEFAULT_MAXIMUM_ENTRIES, (flow, result) -> { }));
    }

    public StepRunner(IntegrationCatalog integrations, OutboundHttp http, References references, Clock clock,
                      StepCache cache) {
        this.integrations = integrations;
        this.authenticator = new Authenticator(http, references, clock);
        this.references = references;
        this.sealedFields = new SealedFields(references);
        this.clock = clock;
        this.cache = cache;
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
        Map<String, List<BatchItem>> bulks = new LinkedHashMap<>();
        for (LeadView view : views) {
            try {
                Prepared prepared = prepare(step, view);
                if (prepared.immediate() != null) {
                    answers.add(CompletableFuture.completedFuture(prepared.immediate()));
                } else if (prepared.module() instanceof HttpOutbound outbound) {
                    OutboundRequest request = keyed(step, view, outbound.request(prepared.vars()));
                    BatchItem item = new BatchItem(outbound, prepared.vars(), request, new CompletableFuture<>());
                    answers.add(item.answer());
                    bulks.computeIfAbsent(request.method() + " " + request.url(), key -> new ArrayList<>()).add(item);
                } else {
                    answers.add(callModule(step, view, prepared.module(), prepared.vars()));
                }
            } catch (RuntimeException e) {
                answers.add(CompletableFuture.completedFuture(failed(step, e)));
            }
        }
        for (List<BatchItem> group : bulks.values()) {
            try {
                sendBulk(step, group);
            } catch (RuntimeException e) {
                group.forEach(item -> item.answer().complete(failed(step, e)));
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> answers.stream()
                .map(answer -> answer.join().toResult(step, startedAt, elapsedSince(start))).toList());
    }

    private CompletableFuture<Answer> call(StepDefinition step, LeadView view) {
        Prepared prepared = prepare(step, view);
        if (prepared.immediate() != null) {
            return CompletableFuture.completedFuture(prepared.immediate());
        }
        return step.cacheTtl() == null ? callModule(step, view, prepared.module(), prepared.vars())
                : callThroughCache(step, view, prepared);
    }

    /**
     * The module and variables of the step for this lead, or the answer it has without a call: criteria not met or
     * variables that do not validate are {@code skip}, a module that cannot run or an unresolved reference {@code error}.
     */
    private Prepared prepare(StepDefinition step, LeadView view) {
        Optional<String> unmet = Rules.unmet(step.criteria(), view);
        if (unmet.isPresent()) {
            return Prepared.answered(Answer.of(Outcome.SKIP, criteriaNotMet(unmet.get())));
        }
        IntegrationModule module = integrations.find(step.integration()).orElseThrow(() ->
                new IllegalStateException("Integration " + step.integration() + " is not installed"));
        if (!(module instanceof HttpOutbound) && !(module instanceof HandleOutbound)) {
            return Prepared.answered(Answer.of(Outcome.ERROR,
                    "Integration " + module.id() + " cannot be run by this version"));
        }
        Map<String, Object> paths;
        try {
            paths = render(step, view);
        } catch (References.UnresolvedReferenceException | SealedFields.SealException e) {
            return Prepared.answered(Answer.of(Outcome.ERROR, e.getMessage()));
        }
        Vars vars = Vars.fromPaths(paths);
        Optional<String> problem = module.validate(vars);
        if (problem.isPresent()) {
            return Prepared.answered(Answer.of(Outcome.SKIP, problem.get()));
        }
        return new Prepared(module, paths, vars, null);
    }

    /** A kept answer for the same module, credential and variables, else the module's, kept if success or failure. */
    private CompletableFuture<Answer> callThroughCache(StepDefinition step, LeadView view, Prepared prepared) {
        IntegrationModule module = prepared.module();
        String key = StepCache.key(module.id(), step.credential(), variablesOf(module, prepared.paths()));
        Optional<Answer> kept = cache.find(key, step, view);
        if (kept.isPresent()) {
            log.debug("Step {} answered from the cache", step.id());
            return CompletableFuture.completedFuture(kept.get());
        }
        return callModule(step, view, module, prepared.vars()).thenApply(answer -> {
            cache.keep(key, step, answer);
            return answer;
        });
    }

    /** The reason of a step skipped because its criteria do not hold, naming what did not hold. */
    public static String criteriaNotMet(String unmet) {
        return "Criteria not met: " + unmet;
    }

    private CompletableFuture<Answer> callModule(StepDefinition step, LeadView view, IntegrationModule module,
                                                 Vars vars) {
        OutboundTransport transport = request -> send(step, keyed(step, view, request));
        if (module instanceof HandleOutbound handler) {
            return handler.handle(vars, transport)
                    .thenApply(event -> Answer.of(event, null))
                    .exceptionally(failure -> failed(step, failure));
        }
        HttpOutbound outbound = (HttpOutbound) module;
        OutboundRequest request = outbound.request(vars);
        return transport.send(request)
                .thenApply(response -> Answer.of(outbound.response(vars, request, response), response))
                .exceptionally(failure -> failed(step, failure));
    }

    /** A recipient's request carries the lead's {@value #IDEMPOTENCY_KEY_HEADER}; other steps' requests do not. */
    private static OutboundRequest keyed(StepDefinition step, LeadView view, OutboundRequest request) {
        return step.kind() == StepKind.RECIPIENT
                ? request.withHeader(IDEMPOTENCY_KEY_HEADER, idempotencyKey(view.lead().id(), step.id())) : request;
    }

    /** Sends one request of a step with the step's credential and timeout. */
    private CompletableFuture<OutboundResponse> send(StepDefinition step, OutboundRequest request) {
        if (log.isDebugEnabled()) {
            OutboundRequest masked = CredentialMasking.mask(request, step.credential());
            log.debug("Step {} sends {} {} with headers {}", step.id(), masked.method(), masked.url(),
                    masked.headers().keySet());
        }
        return authenticator.send(step.credential(), request, step.timeout());
    }

    /** One bulk request for the group when the module can join it, else one request per lead. */
    private void sendBulk(StepDefinition step, List<BatchItem> group) {
        Optional<OutboundRequest> joined = group.size() > 1 && group.get(0).outbound() instanceof BulkHttpOutbound bulk
                ? bulk.bulkRequest(group.stream().map(BatchItem::request).toList()) : Optional.empty();
        if (joined.isEmpty()) {
            group.forEach(item -> send(step, item.request())
                    .thenApply(response -> Answer.of(item.outbound().response(item.vars(), item.request(), response),
                            response))
                    .exceptionally(failure -> failed(step, failure))
                    .thenAccept(item.answer()::complete));
            return;
        }
        BulkHttpOutbound bulk = (BulkHttpOutbound) group.get(0).outbound();
        OutboundRequest request = joined.get().withHeader(IDEMPOTENCY_KEY_HEADER, group.stream()
                .map(item -> item.request().headers().get(IDEMPOTENCY_KEY_HEADER))
                .collect(Collectors.joining(", ")));
        send(step, request).whenComplete((response, failure) -> {
            for (int i = 0; i < group.size(); i++) {
                BatchItem item = group.get(i);
                item.answer().complete(failure != null ? failed(step, failure)
                        : bulkAnswer(bulk, item, response, i, group.size()));
            }
        });
    }

    private static Answer bulkAnswer(BulkHttpOutbound bulk, BatchItem item, OutboundResponse response, int index,
                                     int leads) {
        try {
            Optional<List<OutboundResponse>> parts = bulk.split(response, leads);
            if (parts.isPresent()) {
                OutboundResponse part = parts.get().get(index);
                return Answer.of(bulk.response(item.vars(), item.request(), part), part);
            }
            if (response.status() / 100 != 2) {
                return Answer.of(bulk.response(item.vars(), item.request(), response), response);
            }
            return new Answer(Outcome.ERROR, "Bulk response does not hold one result per lead (" + leads
                    + " expected)", null, null, Map.of(), response.status());
        } catch (RuntimeException e) {
            log.warn("Integration {} failed to read a bulk response", bulk.id(), e);
            return Answer.of(Outcome.ERROR, "Integration " + bulk.id() + " failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The lead's fields under {@code lead} (as LeadConduit's variables carry them), the step's timeout as
     * {@code timeout_seconds}, the attributes of a {@code token} credential or the settings of an {@code smtp} one under
     * {@code credential} (resolved: the module applies them itself), then the mappings.
     */
    private Map<String, Object> render(StepDefinition step, LeadView view) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        // Sealed fields (ssn, credential) are opened for this request only; rules and results never see them.
        LeadView opened = sealedFields.open(view);
        opened.lead().fields().forEach((field, value) -> rendered.put("lead." + field, value));
        rendered.put("timeout_seconds", step.timeout().toMillis() / 1000.0);
        Credential credential = step.credential();
        if (credential != null && credential.type().isGivenToModule()) {
            rendered.put("credential.type", credential.type().wireName());
            rendered.put("credential.name", credential.name());
            Map<String, String> settings = credential.type() == CredentialType.TOKEN
                    ? CredentialMasking.attributes(credential) : credential.settings();
            settings.forEach((setting, reference) ->
                    rendered.put("credential." + setting, references.resolve(reference)));
        }
        step.mappings().forEach((variable, template) -> {
            Object value = Templates.render(references.resolve(template), opened);
            if (value != null) {
                rendered.put(variable, value);
            }
        });
        return rendered;
    }

    /** The rendered variables the module declares (its cache key): other fields of the lead do not change its answer. */
    private static Map<String, Object> variablesOf(IntegrationModule module, Map<String, Object> paths) {
        Map<String, Object> declared = new LinkedHashMap<>();
        paths.forEach((path, value) -> {
            if (module.requestVariables().stream().anyMatch(spec -> spec.covers(path))) {
                declared.put(path, value);
            }
        });
        return declared;
    }

    private static Answer failed(StepDefinition step, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OutboundCallException || cause instanceof IntegrationException) {
            return Answer.of(Outcome.ERROR, cause.getMessage());
        }
        log.warn("Step {} ({}) failed unexpectedly", step.id(), step.integration(), cause);
        return Answer.of(Outcome.ERROR, "Integration " + step.integration() + " failed: " + cause.getClass().getSimpleName());
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The step's module and rendered variables for one lead, or the answer it has at once ({@code immediate}). */
    private record Prepared(IntegrationModule module, Map<String, Object> paths, Vars vars, Answer immediate) {

        static Prepared answered(Answer immediate) {
            return new Prepared(null, null, null, immediate);
        }
    }

    /** One lead's request in a batch, and where its answer goes. */
    private record BatchItem(HttpOutbound outbound, Vars vars, OutboundRequest request,
                             CompletableFuture<Answer> answer) {
    }

    /** What came back from a step before it is timed. */
    record Answer(Outcome outcome, String reason, Double price, String reference, Map<String, Object> appended,
                          Integer httpStatus) {

        static Answer of(Outcome outcome, String reason) {
            return new Answer(outcome, reason, null, null, Map.of(), null);
        }

        static Answer of(IntegrationEvent event, OutboundResponse response) {
            return new Answer(event.outcome(), event.reason(), event.numericPrice(), referenceText(event.reference()),
                    event.appended(), response == null ? null : response.status());
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
