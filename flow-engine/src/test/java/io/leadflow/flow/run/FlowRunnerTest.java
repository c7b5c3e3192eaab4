package io.leadflow.flow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.testing.EchoOutbound;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.References;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FlowRunnerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static final Flow FLOW = new FlowLoader(EchoOutbound.catalog(), new References(name -> null, Path.of(".")))
            .parse("waterfall.yaml", """
                    id: waterfall
                    sources: [ { id: web } ]
                    steps:
                      - id: check
                        type: enhancement
                        entity: Phone Check
                        integration: test.outbound.echo
                        mappings: { url: "https://check.example/", field.phone: "{{lead.phone}}" }
                      - id: no-rejects
                        type: filter
                        reason: Phone check said no
                        rule_set: { rules: [ { lhv: appended.phone_check.outcome, op: is equal to, rhv: failure } ] }
                      - id: buyer-1
                        type: recipient
                        entity: Buyer One
                        integration: test.outbound.echo
                        mappings: { url: "https://one.example/", field.line: "{{appended.phone_check.answer}}" }
                      - id: buyer-2
                        type: recipient
                        entity: Buyer Two
                        integration: test.outbound.echo
                        criteria: { rules: [ { lhv: appended.buyer_one.outcome, op: is not equal to, rhv: success } ] }
                        mappings: { url: "https://two.example/", field.phone: "+{{lead.phone}}" }
                      - id: sold
                        type: filter
                        outcome: success
                        reason: Sold
                        rule_set: { op: or, rules: [ { lhv: appended.buyer_one.outcome, op: is equal to, rhv: success },
                                                     { lhv: appended.buyer_two.outcome, op: is equal to, rhv: success } ] }
                      - id: buyer-3
                        type: recipient
                        entity: Buyer Three
                        integration: test.outbound.echo
                        mappings: { url: "https://three.example/" }
                    """);

    private static final Lead LEAD = new Lead("lead-1", "waterfall", FLOW.revision(), "web", NOW,
            Map.of("phone", new TypedValue("phone", "(512) 789-1111", "5127891111", true, Map.of())));

    private final List<OutboundRequest> sent = new ArrayList<>();

    private FlowRunner runner(Function<OutboundRequest, CompletableFuture<OutboundResponse>> answers) {
        OutboundHttp http = (request, timeout) -> {
            sent.add(request);
            return answers.apply(request);
        };
        StepRunner steps = new StepRunner(EchoOutbound.catalog(), http, new References(name -> null, Path.of(".")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new FlowRunner(steps, (flow, result) -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CompletableFuture<OutboundResponse> answer(int status, String body) {
        return CompletableFuture.completedFuture(new OutboundResponse(status, Map.of(), body));
    }

    @Test
    void enhancementAppendsDataThatLaterStepsSee() {
        PassResult enhanced = runner(request -> answer(200, "accepted")).runEnhancement(FLOW, LEAD).join();

        assertThat(enhanced.stop()).isNull();
        assertThat(enhanced.steps()).extracting(StepResult::stepId, StepResult::outcome)
                .containsExactly(tuple("check", Outcome.SUCCESS), tuple("no-rejects", Outcome.SUCCESS));
        assertThat(sent).extracting(OutboundRequest::url, OutboundRequest::body)
                .containsExactly(tuple("https://check.example/", "phone=5127891111"));
        assertThat(enhanced.steps().get(0).appended())
                .isEqualTo(Map.of("answer", "accepted", "echo", Map.of("phone", "5127891111")));
    }

    @Test
    void aMatchingFilterStopsTheLeadWithItsOutcomeAndReason() {
        PassResult enhanced = runner(request -> answer(200, "landline")).runEnhancement(FLOW, LEAD).join();

        assertThat(enhanced.stop()).isEqualTo(new LeadStop("no-rejects", Outcome.FAILURE, "Phone check said no"));
        assertThat(enhanced.steps()).extracting(StepResult::stepId, StepResult::outcome, StepResult::reason)
                .containsExactly(tuple("check", Outcome.FAILURE, "landline"),
                        tuple("no-rejects", Outcome.FAILURE, "Phone check said no"));
    }

    @Test
    void aWaterfallTriesTheNextBuyerOnlyWhenTheFirstDidNotAccept() {
        List<StepResult> enhancement = runner(request -> answer(200, "accepted")).runEnhancement(FLOW, LEAD).join().steps();
        sent.clear();

        PassResult delivered = runner(request -> request.url().contains("one") ? answer(200, "duplicate")
                : answer(200, "accepted")).runDelivery(FLOW, LEAD, enhancement).join();

        assertThat(delivered.steps()).extracting(StepResult::stepId, StepResult::outcome, StepResult::reason)
                .containsExactly(tuple("buyer-1", Outcome.FAILURE, "duplicate"),
                        tuple("buyer-2", Outcome.SUCCESS, null),
                        tuple("sold", Outcome.SUCCESS, "Sold"));
        assertThat(delivered.stop()).isEqualTo(new LeadStop("sold", Outcome.SUCCESS, "Sold"));
        assertThat(sent).extracting(OutboundRequest::url, OutboundRequest::body)
                .containsExactly(tuple("https://one.example/", "line=accepted"),
                        tuple("https://two.example/", "phone=+5127891111"));
        assertThat(sent).extracting(request -> request.headers().get(StepRunner.IDEMPOTENCY_KEY_HEADER))
                .containsExactly("lead-1:buyer-1", "lead-1:buyer-2");
        StepResult accepted = delivered.steps().get(1);
        assertThat(accepted).isEqualTo(new StepResult("buyer-2", StepKind.RECIPIENT, "Buyer Two", "test.outbound.echo",
                Outcome.SUCCESS, null, 7.5, "ref-1",
                Map.of("answer", "accepted", "echo", Map.of("phone", "+5127891111")), NOW, accepted.duration(), 200));
    }

    @Test
    void aStepWhoseCriteriaDoNotHoldIsSkipped() {
        PassResult delivered = runner(request -> answer(200, "accepted")).runDelivery(FLOW, LEAD, List.of()).join();

        assertThat(delivered.steps()).extracting(StepResult::stepId, StepResult::outcome, StepResult::reason)
                .containsExactly(tuple("buyer-1", Outcome.SUCCESS, null),
                        tuple("buyer-2", Outcome.SKIP,
                                "Criteria not met: appended.buyer_one.outcome is not equal to success"),
                        tuple("sold", Outcome.SUCCESS, "Sold"));
    }

    @Test
    void transportFailuresAndServerErrorsAreErrorsWithAReason() {
        PassResult delivered = runner(request -> request.url().contains("one")
                ? CompletableFuture.failedFuture(new OutboundCallException("Timed out after 10 s"))
                : answer(503, "down")).runDelivery(FLOW, LEAD, List.of()).join();

        assertThat(delivered.steps()).extracting(StepResult::stepId, StepResult::outcome, StepResult::reason,
                        StepResult::httpStatus)
                .containsExactly(tuple("buyer-1", Outcome.ERROR, "Timed out after 10 s", null),
                        tuple("buyer-2", Outcome.ERROR, "Server error", 503),
                        tuple("sold", Outcome.SUCCESS, null, null),
                        tuple("buyer-3", Outcome.ERROR, "Server error", 503));
        assertThat(delivered.stop()).isNull();
    }

    @Test
    void aModuleThatRefusesItsVariablesSkipsTheStepWithoutSending() {
        Flow flow = new Flow("f", "f", true, "r", List.of(), FLOW.sources(), List.of(
                FLOW.step("buyer-3").map(step -> new io.leadflow.flow.StepDefinition(step.id(), step.kind(),
                        step.entity(), step.integration(), Map.of("url", "{{lead.nothing}}"), step.criteria(), null,
                        null, null, Duration.ofSeconds(1), null, null, step.retry(), step.limits(), null))
                        .orElseThrow()), Map.of());

        PassResult delivered = runner(request -> answer(200, "accepted")).runDelivery(flow, LEAD, List.of()).join();

        assertThat(delivered.steps()).extracting(StepResult::outcome, StepResult::reason)
                .containsExactly(tuple(Outcome.SKIP, "URL is required"));
        assertThat(sent).isEmpty();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
