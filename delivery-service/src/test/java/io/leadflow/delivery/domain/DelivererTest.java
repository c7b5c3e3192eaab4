package io.leadflow.delivery.domain;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DelivererTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final References NO_REFERENCES = new References(name -> null, Path.of("."));

    private static final Flow BUYERS = new FlowLoader(AnswerOutbound.catalog(), NO_REFERENCES).parse("buyers.yaml", """
            id: buyers
            sources: [ { id: web } ]
            steps:
              - id: phone-check
                type: enhancement
                entity: Phone Check
                integration: test.outbound.answer
                mappings: { url: "https://check.example/phone" }
              - id: no-landlines
                type: filter
                reason: Landline
                rule_set: { rules: [ { lhv: appended.phone_check.answer, op: is equal to, rhv: landline } ] }
              - id: buyer-a
                type: recipient
                entity: Buyer A
                integration: test.outbound.answer
                mappings: { url: "https://a.example/leads", field.phone: "{{lead.phone}}",
                            field.line: "{{appended.phone_check.answer}}" }
              - id: buyer-b
                type: recipient
                entity: Buyer B
                integration: test.outbound.answer
                criteria: { rules: [ { lhv: lead.state, op: is equal to, rhv: TX } ] }
                mappings: { url: "https://b.example/leads", field.phone: "{{lead.phone}}" }
              - id: sold
                type: filter
                outcome: success
                reason: Sold
                rule_set: { op: or, rules: [ { lhv: appended.buyer_a.outcome, op: is equal to, rhv: success },
                                             { lhv: appended.buyer_b.outcome, op: is equal to, rhv: success } ] }
            """);

    private static final String ENHANCED_EVENT_ID = "enhanced-1";
    private static final Lead TEXAN = lead("buyers", BUYERS.revision(), "TX");
    private static final Lead CALIFORNIAN = lead("buyers", BUYERS.revision(), "CA");
    private static final List<StepResult> ENHANCED = List.of(phoneCheck("mobile"), filter("no-landlines",
            Outcome.SUCCESS, null));
    private static final String TO_BUYER_A = "POST https://a.example/leads [lead-1:buyer-a] line=mobile\nphone=5127891111";
    private static final String TO_BUYER_B = "POST https://b.example/leads [lead-1:buyer-b] phone=5127891111";

    /** The lead as enhancement left it, what the buyers answer, and what delivery must then publish and send. */
    record Case(String behaviour, Lead lead, List<StepResult> enhancementSteps, LeadStop stop,
                Map<String, CompletableFuture<OutboundResponse>> answers, List<StepResult> attempted,
                Outcome outcome, String reason, List<StepResult> steps, List<String> requests) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Case> cases() {
        StepResult acceptedByA = recipient("buyer-a", "Buyer A", Outcome.SUCCESS, null, Map.of("answer", "accepted"), 200);
        StepResult skippedB = recipient("buyer-b", "Buyer B", Outcome.SKIP,
                "Criteria not met: lead.state is equal to TX", Map.of(), null);
        StepResult rejectedByA = recipient("buyer-a", "Buyer A", Outcome.FAILURE, "rejected: duplicate", Map.of(), 200);
        StepResult acceptedByB = recipient("buyer-b", "Buyer B", Outcome.SUCCESS, null, Map.of("answer", "accepted"), 200);
        StepResult serverErrorOfA = recipient("buyer-a", "Buyer A", Outcome.ERROR, "Server error", Map.of(), 500);
        StepResult timeoutOfB = recipient("buyer-b", "Buyer B", Outcome.ERROR, "Timed out after 10 s", Map.of(), null);
        List<StepResult> stoppedByFilter = List.of(phoneCheck("landline"), filter("no-landlines", Outcome.FAILURE,
                "Landline"));
        return Stream.of(
                new Case("delivers to every recipient whose criteria hold and skips the others without an attempt",
                        CALIFORNIAN, ENHANCED, null, Map.of("https://a.example/leads", answer(200, "accepted")),
                        List.of(acceptedByA), Outcome.SUCCESS, "Sold",
                        steps(ENHANCED, acceptedByA, skippedB, filter("sold", Outcome.SUCCESS, "Sold")),
                        List.of(TO_BUYER_A)),
                new Case("records a recipient's rejection and delivers to the next one", TEXAN, ENHANCED, null,
                        Map.of("https://a.example/leads", answer(200, "rejected: duplicate"),
                                "https://b.example/leads", answer(200, "accepted")),
                        List.of(rejectedByA, acceptedByB), Outcome.SUCCESS, "Sold",
                        steps(ENHANCED, rejectedByA, acceptedByB, filter("sold", Outcome.SUCCESS, "Sold")),
                        List.of(TO_BUYER_A, TO_BUYER_B)),
                new Case("records a server error and a timeout as errors and still completes the lead", TEXAN,
                        ENHANCED, null,
                        Map.of("https://a.example/leads", answer(500, "oops"), "https://b.example/leads",
                                CompletableFuture.failedFuture(new OutboundCallException("Timed out after 10 s"))),
                        List.of(serverErrorOfA, timeoutOfB), Outcome.SUCCESS, null,
                        steps(ENHANCED, serverErrorOfA, timeoutOfB, filter("sold", Outcome.SUCCESS, null)),
                        List.of(TO_BUYER_A, TO_BUYER_B)),
                new Case("completes a lead a filter stopped with the filter's outcome and reason, delivering nothing",
                        TEXAN, stoppedByFilter, new LeadStop("no-landlines", Outcome.FAILURE, "Landline"), Map.of(),
                        List.of(), Outcome.FAILURE, "Landline", stoppedByFilter, List.of()),
                new Case("completes a lead the acceptance criteria refused with the refusal", TEXAN, List.of(),
                        new LeadStop(null, Outcome.FAILURE, "email is required"), Map.of(), List.of(),
                        Outcome.FAILURE, "email is required", List.of(), List.of()),
                new Case("completes with error a lead of a flow revision that is not loaded, naming the loaded one",
                        lead("buyers", "0123456789ab", "TX"), ENHANCED, null, Map.of(), List.of(), Outcome.ERROR,
                        "Flow buyers revision 0123456789ab is not loaded by delivery-service (it has revision "
                                + BUYERS.revision() + ")", ENHANCED, List.of()),
                new Case("completes with error a lead of a flow that is not loaded at all",
                        lead("wind", "0123456789ab", "TX"), List.of(), null, Map.of(), List.of(), Outcome.ERROR,
                        "Flow wind revision 0123456789ab is not loaded by delivery-service", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deliversALead(Case given) {
        RecordingJournal journal = new RecordingJournal();
        List<String> requests = new ArrayList<>();
        Deliverer deliverer = deliverer(journal, requests, given.answers());

        deliverer.firstPass(new FirstPass(ENHANCED_EVENT_ID, given.lead(), given.enhancementSteps(), given.stop(),
                null, ORIGIN)).join();

        List<DeliveryAttempt> attempts = given.attempted().stream().map(result -> new DeliveryAttempt(
                EventIds.derived("delivery-attempted", ENHANCED_EVENT_ID, result.stepId(), "1"), ENHANCED_EVENT_ID,
                NOW, given.lead(), 1, "lead-1:" + result.stepId(), result)).toList();
        Completion completion = new Completion(EventIds.derived("lead-completed", "lead-1"), ENHANCED_EVENT_ID, NOW,
                given.lead(), given.outcome(), given.reason(), 0.0, given.steps());
        assertThat(journal.attempts().stream().map(DelivererTest::withoutDuration).toList()).isEqualTo(attempts);
        assertThat(journal.completions().stream().map(DelivererTest::withoutDurations).toList())
                .containsExactly(completion);
        assertThat(requests).isEqualTo(given.requests());
        boolean notLoaded = given.reason() != null && given.reason().contains("is not loaded");
        assertThat(journal.firstPass("lead-1")).contains(new FirstPassProgress("lead-1", List.of(), true, !notLoaded));
    }

    @Test
    void schedulesTheNextAttemptOfAnErrorWithFullJitterAndCompletesWithTheFirstPassOutcome() {
        RecordingJournal journal = new RecordingJournal();
        Deliverer deliverer = deliverer(journal, new ArrayList<>(),
                Map.of("https://a.example/leads", answer(500, "oops")));

        deliverer.firstPass(new FirstPass(ENHANCED_EVENT_ID, CALIFORNIAN, ENHANCED, null, null, ORIGIN)).join();

        StepResult serverError = recipient("buyer-a", "Buyer A", Outcome.ERROR, "Server error", Map.of(), 500);
        String firstAttempt = EventIds.derived("delivery-attempted", ENHANCED_EVENT_ID, "buyer-a", "1");
        assertThat(journal.retries()).containsExactly(new ScheduledRetry(
                EventIds.derived("retry-scheduled", ENHANCED_EVENT_ID, "buyer-a", "2"), firstAttempt, NOW,
                ENHANCED_EVENT_ID, CALIFORNIAN, ENHANCED, null, "buyer-a", 2, 1, NOW, NOW.plusSeconds(10),
                "Server error", null));
        assertThat(journal.step("lead-1", "buyer-a")).contains(new StepProgress("lead-1", "buyer-a", 1, false));
        assertThat(journal.completions()).extracting(Completion::outcome).containsExactly(Outcome.SUCCESS);
        assertThat(withoutDurations(journal.completions().get(0)).steps())
                .contains(serverError, org.assertj.core.api.Assertions.atIndex(2));
    }

    @Test
    void recordsAnAttemptRefusedByAnOpenCircuitAsAnErrorOnTheRetryScheduleWithoutCallingTheRecipient() {
        RecordingJournal journal = new RecordingJournal();
        List<String> requests = new ArrayList<>();
        FlowRunner runner = runner(requests, Map.of("https://a.example/leads", answer(200, "accepted")));
        StepGate openCircuit = (flow, step, key, call) -> CompletableFuture.completedFuture(new StepGate.Passage(
                new StepResult(step.id(), step.kind(), step.entity(), step.integration(), Outcome.ERROR,
                        "Circuit open", null, null, Map.of(), NOW, Duration.ZERO, null), null));
        Deliverer deliverer = new Deliverer(new FlowCatalog(List.of(BUYERS)), runner, openCircuit, journal, journal,
                new RetrySchedule(bound -> bound), new RecipientBatches(runner, size -> { }), CLOCK);

        deliverer.firstPass(new FirstPass(ENHANCED_EVENT_ID, CALIFORNIAN, ENHANCED, null, null, ORIGIN)).join();

        assertThat(requests).isEmpty();
        assertThat(journal.attempts()).extracting(attempt -> attempt.result().stepId(), DeliveryAttempt::attempt,
                        attempt -> attempt.result().outcome(), attempt -> attempt.result().reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("buyer-a", 1, Outcome.ERROR, "Circuit open"));
        assertThat(journal.retries()).extracting(ScheduledRetry::stepId, ScheduledRetry::attempt,
                        ScheduledRetry::dueAt, ScheduledRetry::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("buyer-a", 2, NOW.plusSeconds(10),
                        "Circuit open"));
    }

    @Test
    void resumesAFirstPassAfterTheRecipientsItsProgressRecordsAndNeverCompletesTwice() {
        RecordingJournal journal = new RecordingJournal();
        List<String> requests = new ArrayList<>();
        StepResult rejectedByA = recipient("buyer-a", "Buyer A", Outcome.FAILURE, "rejected: duplicate", Map.of(), 200);
        journal.given(new FirstPassProgress("lead-1", List.of(rejectedByA), false, false));
        Deliverer deliverer = deliverer(journal, requests, Map.of("https://b.example/leads", answer(200, "accepted")));
        FirstPass pass = new FirstPass(ENHANCED_EVENT_ID, TEXAN, ENHANCED, null, null, ORIGIN);

        deliverer.firstPass(pass).join();
        deliverer.firstPass(pass).join();

        assertThat(requests).containsExactly(TO_BUYER_B);
        assertThat(journal.attempts()).extracting(attempt -> attempt.result().stepId()).containsExactly("buyer-b");
        assertThat(journal.completions()).hasSize(1);
        assertThat(journal.completions().get(0).steps()).extracting(StepResult::stepId)
                .containsExactly("phone-check", "no-landlines", "buyer-a", "buyer-b", "sold");
    }

    @Test
    void recordsEachRecipientsAttemptBeforeCallingTheNext() {
        RecordingJournal journal = new RecordingJournal();
        Deliverer deliverer = deliverer(journal, new ArrayList<>(), Map.of(
                "https://a.example/leads", answer(200, "rejected: duplicate"),
                "https://b.example/leads", answer(200, "accepted")));

        deliverer.firstPass(new FirstPass(ENHANCED_EVENT_ID, TEXAN, ENHANCED, null, null, ORIGIN)).join();

        assertThat(journal.entries).extracting(entry -> entry.attempts().stream()
                        .map(attempt -> attempt.result().stepId()).toList(), entry -> entry.completion() != null)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("buyer-a"), false),
                        org.assertj.core.groups.Tuple.tuple(List.of("buyer-b"), true));
    }

    /** A scheduled attempt, what the buyer answers, and what is then recorded. */
    record RetryCase(String behaviour, int attempt, StepProgress recorded, String answer, Duration retryAfter,
                     List<Integer> attempts, List<Instant> retriesDue, List<String> deadLetterReasons,
                     StepProgress progress) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<RetryCase> retryCases() {
        return Stream.of(
                new RetryCase("a success ends the step's attempts", 2, new StepProgress("lead-1", "buyer-a", 1, false),
                        "200", null, List.of(2), List.of(), List.of(), new StepProgress("lead-1", "buyer-a", 2, true)),
                new RetryCase("an error schedules the next attempt, waiting up to twice as long", 2,
                        new StepProgress("lead-1", "buyer-a", 1, false), "500", null, List.of(2),
                        List.of(NOW.plusSeconds(20)), List.of(), new StepProgress("lead-1", "buyer-a", 2, false)),
                new RetryCase("an error waits at least the recipient's Retry-After", 2,
                        new StepProgress("lead-1", "buyer-a", 1, false), "500", Duration.ofMinutes(5), List.of(2),
                        List.of(NOW.plusSeconds(300)), List.of(), new StepProgress("lead-1", "buyer-a", 2, false)),
                new RetryCase("the last attempt's error parks the delivery", 3,
                        new StepProgress("lead-1", "buyer-a", 2, false), "500", null, List.of(3), List.of(),
                        List.of("Retries exhausted after 3 attempts: Server error"),
                        new StepProgress("lead-1", "buyer-a", 3, true)),
                new RetryCase("an attempt already recorded is not made again", 2,
                        new StepProgress("lead-1", "buyer-a", 2, false), "200", null, List.of(), List.of(), List.of(),
                        new StepProgress("lead-1", "buyer-a", 2, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryCases")
    void makesAScheduledAttempt(RetryCase given) {
        RecordingJournal journal = new RecordingJournal();
        journal.given(given.recorded());
        List<String> requests = new ArrayList<>();
        Flow flow = withRetry(BUYERS, "retry: { max_attempts: 3, initial_interval: 10s, max_interval: 1m }");
        FlowRunner runner = runner(requests, Map.of(
                "https://a.example/leads", answer(Integer.parseInt(given.answer()), "accepted")));
        Deliverer deliverer = new Deliverer(new FlowCatalog(List.of(flow)), runner, passingGate(given.retryAfter()),
                journal, journal, new RetrySchedule(bound -> bound), new RecipientBatches(runner, size -> { }), CLOCK);
        Lead lead = lead("buyers", flow.revision(), "TX");

        deliverer.retry(new ScheduledRetry("retry-id", "cause", NOW, ENHANCED_EVENT_ID, lead, ENHANCED, null,
                "buyer-a", given.attempt(), 1, NOW, NOW, "Server error", null), ORIGIN).join();

        assertThat(journal.attempts()).extracting(DeliveryAttempt::attempt).isEqualTo(given.attempts());
        assertThat(journal.retries()).extracting(ScheduledRetry::dueAt).isEqualTo(given.retriesDue());
        assertThat(journal.deadLetters()).extracting(DeadLetter::reason).isEqualTo(given.deadLetterReasons());
        assertThat(journal.step("lead-1", "buyer-a")).contains(given.progress());
        assertThat(requests).hasSize(given.attempts().size());
    }

    @Test
    void parksALeadOfAFlowRevisionNotLoadedAndCompletesItWithError() {
        RecordingJournal journal = new RecordingJournal();
        Deliverer deliverer = deliverer(journal, new ArrayList<>(), Map.of());
        Lead lead = lead("buyers", "0123456789ab", "TX");

        deliverer.firstPass(new FirstPass(ENHANCED_EVENT_ID, lead, ENHANCED, null, null, ORIGIN)).join();

        assertThat(journal.deadLetters()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.category()).isEqualTo(DeadLetterCategory.FLOW_NOT_LOADED);
            assertThat(deadLetter.replay().isFirstPass()).isTrue();
            assertThat(deadLetter.replay().priorSteps()).isEqualTo(ENHANCED);
        });
        assertThat(journal.completions()).extracting(Completion::outcome).containsExactly(Outcome.ERROR);
        assertThat(journal.firstPass("lead-1")).contains(new FirstPassProgress("lead-1", List.of(), true, false));
    }

    private static final Origin ORIGIN = new Origin("enhancement.lead-enhanced", 0, 42, 1);

    private static Deliverer deliverer(RecordingJournal journal, List<String> requests,
                                       Map<String, CompletableFuture<OutboundResponse>> answers) {
        FlowRunner runner = runner(requests, answers);
        return new Deliverer(new FlowCatalog(List.of(BUYERS)), runner, passingGate(null), journal, journal,
                new RetrySchedule(bound -> bound), new RecipientBatches(runner, size -> { }), CLOCK);
    }

    private static FlowRunner runner(List<String> requests, Map<String, CompletableFuture<OutboundResponse>> answers) {
        OutboundHttp buyers = (request, timeout) -> {
            requests.add(request.method() + " " + request.url() + " [" + request.headers().get("Idempotency-Key") + "] "
                    + request.body());
            return answers.get(request.url());
        };
        return new FlowRunner(new StepRunner(AnswerOutbound.catalog(), buyers, NO_REFERENCES, CLOCK),
                (flow, result) -> { }, CLOCK);
    }

    private static StepGate passingGate(Duration retryAfter) {
        return (flow, step, key, call) -> call.get().thenApply(result -> new StepGate.Passage(result, retryAfter));
    }

    private static Flow withRetry(Flow flow, String retry) {
        List<io.leadflow.flow.StepDefinition> steps = flow.steps().stream().map(step -> step.id().equals("buyer-a")
                ? new io.leadflow.flow.StepDefinition(step.id(), step.kind(), step.entity(), step.integration(),
                        step.mappings(), step.criteria(), step.ruleSet(), step.outcome(), step.reason(),
                        step.timeout(), step.credential(), step.cacheTtl(), new io.leadflow.flow.RetryPolicy(3,
                        Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(24)), step.limits(), step.batch())
                : step).toList();
        return new Flow(flow.id(), flow.name(), flow.enabled(), flow.revision(), flow.fields(), flow.sources(), steps,
                flow.feedbackKeys());
    }

    private static Lead lead(String flowId, String revision, String state) {
        return new Lead("lead-1", flowId, revision, "web", NOW, Map.of(
                "phone", new TypedValue("string", "5127891111", "5127891111", true, Map.of()),
                "state", new TypedValue("string", state, state, true, Map.of())));
    }

    private static CompletableFuture<OutboundResponse> answer(int status, String body) {
        return CompletableFuture.completedFuture(new OutboundResponse(status, Map.of(), body));
    }

    private static StepResult phoneCheck(String answer) {
        return new StepResult("phone-check", StepKind.ENHANCEMENT, "Phone Check", "test.outbound.answer",
                Outcome.SUCCESS, null, null, null, Map.of("answer", answer), NOW, Duration.ZERO, null);
    }

    private static StepResult recipient(String stepId, String entity, Outcome outcome, String reason,
                                        Map<String, Object> appended, Integer httpStatus) {
        return new StepResult(stepId, StepKind.RECIPIENT, entity, "test.outbound.answer", outcome, reason, null, null,
                appended, NOW, Duration.ZERO, httpStatus);
    }

    private static StepResult filter(String stepId, Outcome outcome, String reason) {
        return new StepResult(stepId, StepKind.FILTER, null, null, outcome, reason, null, null, Map.of(), NOW,
                Duration.ZERO, null);
    }

    private static List<StepResult> steps(List<StepResult> enhancement, StepResult... delivery) {
        List<StepResult> steps = new ArrayList<>(enhancement);
        steps.addAll(List.of(delivery));
        return steps;
    }

    /** Step durations are measured, so they are the one thing a test cannot predict. */
    private static Completion withoutDurations(Completion completion) {
        return new Completion(completion.eventId(), completion.causationId(), completion.occurredAt(),
                completion.lead(), completion.outcome(), completion.reason(), completion.price(),
                completion.steps().stream().map(DelivererTest::withoutDuration).toList());
    }

    private static DeliveryAttempt withoutDuration(DeliveryAttempt attempt) {
        return new DeliveryAttempt(attempt.eventId(), attempt.causationId(), attempt.occurredAt(), attempt.lead(),
                attempt.attempt(), attempt.idempotencyKey(), withoutDuration(attempt.result()));
    }

    private static StepResult withoutDuration(StepResult step) {
        return new StepResult(step.stepId(), step.kind(), step.entity(), step.integration(), step.outcome(),
                step.reason(), step.price(), step.reference(), step.appended(), step.startedAt(), Duration.ZERO,
                step.httpStatus());
    }
}
