package io.leadflow.flow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadflow.flow.testing.BulkEchoOutbound;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StepRunnerBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Flow FLOW = new FlowLoader(BulkEchoOutbound.catalog(), new References(name -> null,
            Path.of("."))).parse("bulk.yaml", """
                    id: bulk
                    sources: [ { id: web } ]
                    steps:
                      - id: bulk-buyer
                        type: recipient
                        entity: Bulk Buyer
                        integration: test.outbound.bulk
                        criteria: { rules: [ { lhv: lead.phone, op: is not blank } ] }
                        batch: { max_leads: 10, max_wait: 100ms }
                        mappings: { url: "https://bulk.example/leads", field.phone: "{{lead.phone}}" }
                    """);
    private static final StepDefinition STEP = FLOW.step("bulk-buyer").orElseThrow();

    private final List<OutboundRequest> sent = new ArrayList<>();

    @Test
    void sendsTheLeadsAsOneRequestWithEveryIdempotencyKeyAndReadsEachLeadsOutcomeFromItsPart() {
        List<StepResult> results = runner(request -> answer(200, "accepted\n---\nduplicate\n---\naccepted"))
                .runBatch(STEP, List.of(view("lead-1", "5125550101"), view("lead-2", "5125550102"),
                        view("lead-3", "5125550103"))).join();

        assertThat(sent).extracting(OutboundRequest::url, OutboundRequest::body,
                        request -> request.headers().get(StepRunner.IDEMPOTENCY_KEY_HEADER))
                .containsExactly(tuple("https://bulk.example/leads",
                        "phone=5125550101\n---\nphone=5125550102\n---\nphone=5125550103",
                        "lead-1:bulk-buyer, lead-2:bulk-buyer, lead-3:bulk-buyer"));
        assertThat(results).extracting(StepResult::stepId, StepResult::outcome, StepResult::reason,
                        StepResult::httpStatus)
                .containsExactly(tuple("bulk-buyer", Outcome.SUCCESS, null, 200),
                        tuple("bulk-buyer", Outcome.FAILURE, "duplicate", 200),
                        tuple("bulk-buyer", Outcome.SUCCESS, null, 200));
    }

    @Test
    void skipsALeadWhoseCriteriaDoNotHoldAndSendsTheOthers() {
        List<StepResult> results = runner(request -> answer(200, "accepted\n---\naccepted"))
                .runBatch(STEP, List.of(view("lead-1", "5125550101"), view("lead-2", null),
                        view("lead-3", "5125550103"))).join();

        assertThat(sent).extracting(request -> request.headers().get(StepRunner.IDEMPOTENCY_KEY_HEADER))
                .containsExactly("lead-1:bulk-buyer, lead-3:bulk-buyer");
        assertThat(results).extracting(StepResult::outcome, StepResult::reason).containsExactly(
                tuple(Outcome.SUCCESS, null), tuple(Outcome.SKIP, "Criteria not met: lead.phone is not blank"),
                tuple(Outcome.SUCCESS, null));
    }

    @Test
    void makesEveryLeadAnErrorWhenTheBulkAnswerIsAServerErrorOrHasTheWrongNumberOfParts() {
        List<LeadView> leads = List.of(view("lead-1", "5125550101"), view("lead-2", "5125550102"));

        List<StepResult> serverError = runner(request -> answer(503, "down")).runBatch(STEP, leads).join();
        List<StepResult> tooFew = runner(request -> answer(200, "accepted")).runBatch(STEP, leads).join();
        List<StepResult> failed = runner(request -> CompletableFuture.failedFuture(
                new OutboundCallException("Timed out after 10s"))).runBatch(STEP, leads).join();

        assertThat(serverError).extracting(StepResult::outcome, StepResult::reason, StepResult::httpStatus)
                .containsExactly(tuple(Outcome.ERROR, "Server error", 503), tuple(Outcome.ERROR, "Server error", 503));
        assertThat(tooFew).extracting(StepResult::outcome, StepResult::reason, StepResult::httpStatus)
                .containsExactly(tuple(Outcome.ERROR, "Bulk response does not hold one result per lead (2 expected)",
                                200),
                        tuple(Outcome.ERROR, "Bulk response does not hold one result per lead (2 expected)", 200));
        assertThat(failed).extracting(StepResult::outcome, StepResult::reason, StepResult::httpStatus)
                .containsExactly(tuple(Outcome.ERROR, "Timed out after 10s", null),
                        tuple(Outcome.ERROR, "Timed out after 10s", null));
    }

    @Test
    void sendsASingleLeadAsAnOrdinaryRequest() {
        List<StepResult> results = runner(request -> answer(200, "accepted"))
                .runBatch(STEP, List.of(view("lead-1", "5125550101"))).join();

        assertThat(sent).extracting(OutboundRequest::body,
                        request -> request.headers().get(StepRunner.IDEMPOTENCY_KEY_HEADER))
                .containsExactly(tuple("phone=5125550101", "lead-1:bulk-buyer"));
        assertThat(results).extracting(StepResult::outcome).containsExactly(Outcome.SUCCESS);
    }

    private StepRunner runner(Function<OutboundRequest, CompletableFuture<OutboundResponse>> answers) {
        OutboundHttp http = (request, timeout) -> {
            sent.add(request);
            return answers.apply(request);
        };
        return new StepRunner(BulkEchoOutbound.catalog(), http, new References(name -> null, Path.of(".")),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CompletableFuture<OutboundResponse> answer(int status, String body) {
        return CompletableFuture.completedFuture(new OutboundResponse(status, Map.of(), body));
    }

    private static LeadView view(String leadId, String phone) {
        Map<String, TypedValue> fields = phone == null ? Map.of()
                : Map.of("phone", new TypedValue("phone", phone, phone, true, Map.of()));
        return new LeadView(FLOW, new Lead(leadId, "bulk", FLOW.revision(), "web", NOW, fields), List.of());
    }
}
