package io.leadflow.enhancement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.References;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.OutboundCallException;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.flow.testing.AnswerOutbound;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.servicekit.EventIds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnhancerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final References NO_REFERENCES = new References(name -> null, Path.of("."));

    private static final Flow SOLAR = new FlowLoader(AnswerOutbound.catalog(), NO_REFERENCES).parse("solar.yaml", """
            id: solar
            sources: [ { id: web } ]
            steps:
              - id: phone-check
                type: enhancement
                entity: Phone Check
                integration: test.outbound.answer
                mappings: { url: "https://check.example/phone", field.phone: "{{lead.phone}}" }
              - id: no-landlines
                type: filter
                reason: Landline
                rule_set: { rules: [ { lhv: appended.phone_check.answer, op: is equal to, rhv: landline } ] }
              - id: buyer
                type: recipient
                entity: Buyer
                integration: test.outbound.answer
                mappings: { url: "https://buyer.example/leads" }
            """);

    private static final String RECEIVED_EVENT_ID = "received-1";
    private static final Lead LEAD = lead("solar", SOLAR.revision());
    private static final String PHONE_CHECK_REQUEST = "POST https://check.example/phone phone=5127891111";
    private static final LeadStop REFUSED = new LeadStop(null, Outcome.FAILURE, "email is required");

    /** What the data service answers, what the enhancement must then be, and the requests the data service sees. */
    record Case(String behaviour, Lead lead, LeadStop rejection, CompletableFuture<OutboundResponse> answer,
                List<StepResult> steps, LeadStop stop, List<String> requests) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("passes a lead no filter stops, with the data service's answer appended", LEAD, null,
                        answer(200, "mobile"),
                        List.of(phoneCheck(Outcome.SUCCESS, null, Map.of("answer", "mobile"), 200),
                                filter(Outcome.SUCCESS, null)),
                        null, List.of(PHONE_CHECK_REQUEST)),
                new Case("stops a lead whose appended data a filter matches", LEAD, null,
                        answer(200, "landline"),
                        List.of(phoneCheck(Outcome.SUCCESS, null, Map.of("answer", "landline"), 200),
                                filter(Outcome.FAILURE, "Landline")),
                        new LeadStop("no-landlines", Outcome.FAILURE, "Landline"), List.of(PHONE_CHECK_REQUEST)),
                new Case("records a data service's server error as the step's error and goes on", LEAD, null,
                        answer(503, "down"),
                        List.of(phoneCheck(Outcome.ERROR, "Server error", Map.of(), 503),
                                filter(Outcome.SUCCESS, null)),
                        null, List.of(PHONE_CHECK_REQUEST)),
                new Case("records a data service that did not answer in time as the step's error", LEAD, null,
                        CompletableFuture.failedFuture(new OutboundCallException("Timed out after 10 s")),
                        List.of(phoneCheck(Outcome.ERROR, "Timed out after 10 s", Map.of(), null),
                                filter(Outcome.SUCCESS, null)),
                        null, List.of(PHONE_CHECK_REQUEST)),
                new Case("runs no step for a lead the acceptance criteria refused and passes the refusal on", LEAD,
                        REFUSED, answer(200, "mobile"), List.of(), REFUSED, List.of()),
                new Case("stops with error a lead of a flow revision that is not loaded, naming the loaded one",
                        lead("solar", "0123456789ab"), null, answer(200, "mobile"), List.of(),
                        new LeadStop(null, Outcome.ERROR, "Flow solar revision 0123456789ab is not loaded by "
                                + "enhancement-service (it has revision " + SOLAR.revision() + ")"),
                        List.of()),
                new Case("stops with error a lead of a flow that is not loaded at all",
                        lead("wind", "0123456789ab"), null, answer(200, "mobile"), List.of(),
                        new LeadStop(null, Outcome.ERROR,
                                "Flow wind revision 0123456789ab is not loaded by enhancement-service"),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void enhancesALead(Case given) {
        List<String> requests = new ArrayList<>();
        OutboundHttp dataService = (request, timeout) -> {
            requests.add(request.method() + " " + request.url() + " " + request.body());
            return given.answer();
        };
        FlowRunner runner = new FlowRunner(new StepRunner(AnswerOutbound.catalog(), dataService, NO_REFERENCES, CLOCK),
                (flow, result) -> { }, CLOCK);
        Enhancer enhancer = new Enhancer(new FlowCatalog(List.of(SOLAR)), runner, CLOCK);

        LeadEnhancement enhancement = enhancer.enhance(RECEIVED_EVENT_ID, given.lead(), given.rejection()).join();

        assertThat(withoutDurations(enhancement)).isEqualTo(new LeadEnhancement(
                EventIds.derived("lead-enhanced", RECEIVED_EVENT_ID), RECEIVED_EVENT_ID, NOW, given.lead(),
                given.steps(), given.stop()));
        assertThat(requests).isEqualTo(given.requests());
    }

    private static Lead lead(String flowId, String revision) {
        return new Lead("lead-1", flowId, revision, "web", NOW,
                Map.of("phone", new TypedValue("string", "5127891111", "5127891111", true, Map.of())));
    }

    private static CompletableFuture<OutboundResponse> answer(int status, String body) {
        return CompletableFuture.completedFuture(new OutboundResponse(status, Map.of(), body));
    }

    private static StepResult phoneCheck(Outcome outcome, String reason, Map<String, Object> appended,
                                         Integer httpStatus) {
        return new StepResult("phone-check", StepKind.ENHANCEMENT, "Phone Check", "test.outbound.answer", outcome,
                reason, null, null, appended, NOW, Duration.ZERO, httpStatus);
    }

    private static StepResult filter(Outcome outcome, String reason) {
        return new StepResult("no-landlines", StepKind.FILTER, null, null, outcome, reason, null, null, Map.of(), NOW,
                Duration.ZERO, null);
    }

    /** Step durations are measured, so they are the one thing a test cannot predict. */
    private static LeadEnhancement withoutDurations(LeadEnhancement enhancement) {
        return new LeadEnhancement(enhancement.eventId(), enhancement.causationId(), enhancement.occurredAt(),
                enhancement.lead(), enhancement.steps().stream().map(step -> new StepResult(step.stepId(), step.kind(),
                        step.entity(), step.integration(), step.outcome(), step.reason(), step.price(),
                        step.reference(), step.appended(), step.startedAt(), Duration.ZERO, step.httpStatus()))
                .toList(), enhancement.stop());
    }
}
