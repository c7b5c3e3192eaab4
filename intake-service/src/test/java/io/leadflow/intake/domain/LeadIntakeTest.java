package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.IpRange;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.References;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.intake.domain.IntakeAnswer.Status;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class LeadIntakeTest {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("KEY_1", "k-one", "KEY_2", "k-two", "PASSWORD", "open sesame");
    private static final References REFERENCES = new References(ENVIRONMENT::get, Path.of("."));
    private static final FlowLoader LOADER =
            new FlowLoader(new IntegrationCatalog(List.of(), IntegrationSettings.defaults()), REFERENCES);
    private static final Flow SHOP = LOADER.parse("shop.yaml", """
            id: shop
            fields:
              - { id: email, type: string, required: true }
              - { id: first_name, type: string }
            sources:
              - { id: web, response: async }
              - { id: partner, response: sync, response_timeout: 5s }
              - { id: slow, response: sync, response_timeout: 50ms }
              - { id: rich, response: sync, response_timeout: 5s, verbose: true }
              - { id: paused, response: async, enabled: false }
              - { id: keyed, response: async, auth: { type: api_key, keys: [ "${env:KEY_1}", "${env:KEY_2}" ] } }
              - { id: keyed-query, response: async, auth: { type: api_key, query_param: api_key, keys: [ "${env:KEY_1}" ] } }
              - { id: basic, response: async, auth: { type: basic, username: acme, password: "${env:PASSWORD}" } }
              - { id: office, response: async, allowed_ips: [ 203.0.113.0/24 ] }
              - { id: picky, response: async, acceptance: { reason: No Bobs, rules: [ { lhv: lead.first_name, op: is not equal to, rhv: Bob } ] } }
            """);
    private static final Flow CLOSED = LOADER.parse("closed.yaml", """
            id: closed
            enabled: false
            sources: [ { id: web, response: async } ]
            """);
    private static final Map<String, Object> ADA = Map.of("email", "ada@example.com", "first_name", "Ada");
    private static final Caller ANYONE = caller("198.51.100.1", Map.of());

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final CompletionWaits completions = new CompletionWaits();
    private final InMemoryIdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys();
    private final FlowCatalog flows = new FlowCatalog(List.of(SHOP, CLOSED));
    private final LeadIntake intake = new LeadIntake(flows,
            new SourceGuard(flows, REFERENCES, List.of(IpRange.parse("10.0.0.0/8").orElseThrow())),
            new LeadIds(Clock.systemUTC(), new Random(7)), publisher, completions, idempotencyKeys, Clock.systemUTC(),
            Duration.ofMillis(100));

    record AdmissionCase(String name, String source, Caller caller, IntakeAnswer.Refused refused) {
    }

    static final List<AdmissionCase> ADMISSIONS = List.of(
            new AdmissionCase("unknown flow", "nope/web", ANYONE,
                    new IntakeAnswer.Refused(Refusal.UNKNOWN_FLOW, "Flow nope not found", null, null)),
            new AdmissionCase("unknown source", "shop/nope", ANYONE,
                    new IntakeAnswer.Refused(Refusal.UNKNOWN_SOURCE, "Source nope not found in flow shop", "shop", null)),
            new AdmissionCase("disabled source", "shop/paused", ANYONE,
                    new IntakeAnswer.Refused(Refusal.SOURCE_DISABLED, "Source is disabled", "shop", "paused")),
            new AdmissionCase("open source", "shop/web", ANYONE, null),
            new AdmissionCase("API key missing", "shop/keyed", ANYONE, new IntakeAnswer.Refused(
                    Refusal.API_KEY_REFUSED, "An API key is required in the X-Api-Key header", "shop", "keyed")),
            new AdmissionCase("API key wrong", "shop/keyed", caller("198.51.100.1", Map.of("x-api-key", "k-three")),
                    new IntakeAnswer.Refused(Refusal.API_KEY_REFUSED, "The API key is not valid", "shop", "keyed")),
            new AdmissionCase("first API key", "shop/keyed", caller("198.51.100.1", Map.of("X-API-Key", "k-one")), null),
            new AdmissionCase("second API key", "shop/keyed", caller("198.51.100.1", Map.of("X-Api-Key", "k-two")), null),
            new AdmissionCase("API key in the header, not the query", "shop/keyed-query",
                    caller("198.51.100.1", Map.of("X-Api-Key", "k-one")), new IntakeAnswer.Refused(
                    Refusal.API_KEY_REFUSED, "An API key is required in the api_key query parameter", "shop",
                    "keyed-query")),
            new AdmissionCase("API key in the query", "shop/keyed-query",
                    new Caller(address("198.51.100.1"), Map.of(), Map.of("api_key", "k-one")), null),
            new AdmissionCase("basic auth missing", "shop/basic", ANYONE, new IntakeAnswer.Refused(
                    Refusal.BASIC_AUTH_REFUSED, "Basic authentication is required", "shop", "basic")),
            new AdmissionCase("basic auth wrong", "shop/basic", basic("acme", "open sesam"), new IntakeAnswer.Refused(
                    Refusal.BASIC_AUTH_REFUSED, "The user name or password is not valid", "shop", "basic")),
            new AdmissionCase("basic auth of another user", "shop/basic", basic("acne", "open sesame"),
                    new IntakeAnswer.Refused(Refusal.BASIC_AUTH_REFUSED, "The user name or password is not valid",
                            "shop", "basic")),
            new AdmissionCase("basic auth right", "shop/basic", basic("acme", "open sesame"), null),
            new AdmissionCase("address outside the allow-list", "shop/office", ANYONE, new IntakeAnswer.Refused(
                    Refusal.ADDRESS_NOT_ALLOWED, "Submissions from this address are not allowed", "shop", "office")),
            new AdmissionCase("address in the allow-list", "shop/office", caller("203.0.113.9", Map.of()), null),
            new AdmissionCase("forwarded for an allowed address by a trusted proxy", "shop/office",
                    caller("10.1.2.3", Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.9.9.9")), null),
            new AdmissionCase("forwarded by an untrusted proxy", "shop/office",
                    caller("198.51.100.7", Map.of("X-Forwarded-For", "203.0.113.9")), new IntakeAnswer.Refused(
                    Refusal.ADDRESS_NOT_ALLOWED, "Submissions from this address are not allowed", "shop", "office")),
            new AdmissionCase("forged hop before the trusted proxy's", "shop/office",
                    caller("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.1")), new IntakeAnswer.Refused(
                    Refusal.ADDRESS_NOT_ALLOWED, "Submissions from this address are not allowed", "shop", "office")),
            new AdmissionCase("garbage forwarded by a trusted proxy", "shop/office",
                    caller("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.9, not-an-address")),
                    new IntakeAnswer.Refused(Refusal.ADDRESS_NOT_ALLOWED,
                            "Submissions from this address are not allowed", "shop", "office")));

    @ParameterizedTest(name = "{0}")
    @FieldSource("ADMISSIONS")
    void admitsOnlyCallersTheSourceAllows(AdmissionCase example) {
        String[] path = example.source().split("/");

        Admission admission = intake.admit(path[0], path[1], example.caller());

        if (example.refused() == null) {
            assertThat(admission).isInstanceOf(Admission.Admitted.class);
        } else {
            assertThat(admission).isEqualTo(example.refused());
        }
    }

    @Test
    void answersErrorForADisabledFlowAndCreatesNoLead() throws Exception {
        assertThat(submit("closed", "web", ADA)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.ERROR, "Flow is disabled", null, 0, null, "closed", "web"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void publishesATypedLeadAndAnswersSuccessForAsyncSources() throws Exception {
        IntakeAnswer answer = submit("shop", "web", ADA);

        Published published = publisher.only();
        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS, null,
                published.lead().id(), 0, null, "shop", "web"));
        assertThat(published.lead()).isEqualTo(new Lead(published.lead().id(), "shop", SHOP.revision(), "web",
                published.lead().submittedAt(), Map.of("email", text("ada@example.com"), "first_name", text("Ada"))));
        assertThat(published.lead().id()).matches("[0-9a-f]{24}");
        assertThat(published.rejection()).isNull();
    }

    @Test
    void answersFailureAtOnceAndPublishesTheRejectionWhenARequiredFieldIsMissing() throws Exception {
        IntakeAnswer answer = submit("shop", "partner", Map.of("first_name", "Ada"));

        Published published = publisher.only();
        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.FAILURE,
                "email is required", published.lead().id(), 0, null, "shop", "partner"));
        assertThat(published.rejection()).isEqualTo(new LeadStop(null, Outcome.FAILURE, "email is required"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void appliesTheSourcesOwnAcceptanceCriteria() throws Exception {
        IntakeAnswer answer = submit("shop", "picky", Map.of("email", "bob@example.com", "first_name", "Bob"));

        Published published = publisher.only();
        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.FAILURE, "No Bobs",
                published.lead().id(), 0, null, "shop", "picky"));
        assertThat(published.rejection()).isEqualTo(new LeadStop(null, Outcome.FAILURE, "No Bobs"));
    }

    @Test
    void answersSyncSourcesWithTheLeadsCompletion() throws Exception {
        CompletableFuture<IntakeAnswer> answer = intake.submit(admitted("partner"), ADA, null);
        String leadId = publisher.only().lead().id();

        completions.complete(new Completion(leadId, Outcome.FAILURE, "Duplicate", 2.5, List.of(step())));

        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.FAILURE, "Duplicate", leadId, 2.5, null, "shop", "partner"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void catchesACompletionThatArrivesBeforeThePublishAcknowledgement() throws Exception {
        publisher.acknowledgement = new CompletableFuture<>();
        CompletableFuture<IntakeAnswer> answer = intake.submit(admitted("partner"), ADA, null);
        String leadId = publisher.only().lead().id();

        completions.complete(new Completion(leadId, Outcome.SUCCESS, null, 1, List.of()));
        publisher.acknowledgement.complete(null);

        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.SUCCESS, null, leadId, 1, null, "shop", "partner"));
    }

    @Test
    void answersPendingWhenTheCompletionDoesNotArriveInTimeAndForgetsTheWait() throws Exception {
        IntakeAnswer answer = submit("shop", "slow", ADA);

        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.PENDING, AnswerOutcome.PENDING, null,
                publisher.only().lead().id(), 0, null, "shop", "slow"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void showsVerboseSourcesWhatEachEntityAppended() throws Exception {
        CompletableFuture<IntakeAnswer> answer = intake.submit(admitted("rich"), ADA, null);
        String leadId = publisher.only().lead().id();
        StepResult skipped = new StepResult("crm", StepKind.RECIPIENT, "CRM", "custom.outbound.json", Outcome.SKIP,
                null, null, null, Map.of(), Instant.EPOCH, Duration.ZERO, null);
        StepResult filter = new StepResult("no-landlines", StepKind.FILTER, null, null, Outcome.SUCCESS, null, null,
                null, Map.of(), Instant.EPOCH, Duration.ZERO, null);

        completions.complete(new Completion(leadId, Outcome.SUCCESS, null, 3, List.of(step(), filter, skipped)));

        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("status", "accepted");
        buyer.put("outcome", "success");
        buyer.put("reason", "ok");
        buyer.put("price", 3.0);
        buyer.put("reference", "B-1");
        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.SUCCESS, null, leadId, 3, Map.of("buyer_abc_corp", buyer), "shop", "rich"));
    }

    @Test
    void answersNotStoredAndStopsWaitingWhenKafkaDoesNotAcknowledge() throws Exception {
        publisher.acknowledgement = CompletableFuture.failedFuture(new TimeoutException("no ack"));

        IntakeAnswer answer = submit("shop", "partner", ADA);

        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.NOT_STORED, AnswerOutcome.ERROR,
                "Lead could not be stored; please retry", null, 0, null, "shop", "partner"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAgainAndCreatesNoSecondLead() throws Exception {
        IntakeAnswer first = intake.submit(admitted("web"), ADA, "order-17").get(5, TimeUnit.SECONDS);
        IntakeAnswer again = intake.submit(admitted("web"), Map.of("email", "other@example.com"), "order-17")
                .get(5, TimeUnit.SECONDS);
        IntakeAnswer elsewhere = intake.submit(admitted("partner"), Map.of("first_name", "Ada"), "order-17")
                .get(5, TimeUnit.SECONDS);

        String leadId = publisher.published.get(0).lead().id();
        IntakeAnswer.Answered expected = new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS, null, leadId,
                0, null, "shop", "web");
        assertThat(first).isEqualTo(expected);
        assertThat(again).isEqualTo(expected.replay());
        assertThat(elsewhere).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.FAILURE,
                "email is required", publisher.published.get(1).lead().id(), 0, null, "shop", "partner"));
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void aRepeatWhileTheFirstIsStillAnsweredWaitsForItsAnswer() throws Exception {
        publisher.acknowledgement = new CompletableFuture<>();
        CompletableFuture<IntakeAnswer> first = intake.submit(admitted("web"), ADA, "order-18");
        CompletableFuture<IntakeAnswer> again = intake.submit(admitted("web"), ADA, "order-18");
        assertThat(again).isNotDone();

        publisher.acknowledgement.complete(null);

        assertThat(again.get(5, TimeUnit.SECONDS)).isEqualTo(((IntakeAnswer.Answered) first.get()).replay());
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void aRepeatIsToldTheKeyIsInUseWhenTheFirstIsNotAnsweredInTime() throws Exception {
        publisher.acknowledgement = new CompletableFuture<>();
        intake.submit(admitted("slow"), ADA, "order-19");

        IntakeAnswer again = intake.submit(admitted("slow"), ADA, "order-19").get(5, TimeUnit.SECONDS);

        assertThat(again).isEqualTo(new IntakeAnswer.Refused(Refusal.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still being answered; send it again later", "shop", "slow"));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void aKeyWhoseLeadWasNotStoredMayBeUsedAgain() throws Exception {
        publisher.acknowledgement = CompletableFuture.failedFuture(new TimeoutException("no ack"));
        IntakeAnswer first = intake.submit(admitted("web"), ADA, "order-20").get(5, TimeUnit.SECONDS);
        publisher.acknowledgement = CompletableFuture.completedFuture(null);

        IntakeAnswer retry = intake.submit(admitted("web"), ADA, "order-20").get(5, TimeUnit.SECONDS);

        assertThat(first).extracting(IntakeAnswer::outcome).isEqualTo(AnswerOutcome.ERROR);
        assertThat(retry).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS, null,
                publisher.published.get(1).lead().id(), 0, null, "shop", "web"));
    }

    @Test
    void aPingIsAnsweredFromTheAcceptanceCriteriaAndCreatesNoLead() {
        assertThat(intake.ping(admitted("web"), ADA)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.SUCCESS, null, null, 0, null, "shop", "web"));
        assertThat(intake.ping(admitted("picky"), Map.of("email", "b@example.com", "first_name", "Bob")))
                .isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.FAILURE, "No Bobs", null, 0, null,
                        "shop", "picky"));
        assertThat(intake.ping((Admission.Admitted) intake.admit("closed", "web", ANYONE), ADA))
                .isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.ERROR, "Flow is disabled", null, 0,
                        null, "closed", "web"));
        assertThat(publisher.published).isEmpty();
    }

    private Admission.Admitted admitted(String sourceId) {
        return (Admission.Admitted) intake.admit("shop", sourceId, ANYONE);
    }

    private IntakeAnswer submit(String flowId, String sourceId, Map<String, Object> values) throws Exception {
        return intake.submit((Admission.Admitted) intake.admit(flowId, sourceId, ANYONE), values, null)
                .get(5, TimeUnit.SECONDS);
    }

    private static Caller caller(String address, Map<String, String> headers) {
        return new Caller(address(address), headers, Map.of());
    }

    private static Caller basic(String user, String password) {
        return caller("198.51.100.1", Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    private static InetAddress address(String text) {
        return IpRange.literal(text).orElseThrow();
    }

    private static StepResult step() {
        return new StepResult("buyer", StepKind.RECIPIENT, "Buyer ABC Corp", "custom.outbound.json",
                Outcome.SUCCESS, "ok", 3.0, "B-1", Map.of("status", "accepted"), Instant.EPOCH, Duration.ZERO, 200);
    }

    private static TypedValue text(String value) {
        return new TypedValue("string", value, value, true, Map.of());
    }

    private record Published(Lead lead, LeadStop rejection) {
    }

    private static final class RecordingPublisher implements LeadPublisher {

        private final List<Published> published = new CopyOnWriteArrayList<>();
        private CompletableFuture<Void> acknowledgement = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Void> publish(Lead lead, LeadStop rejection) {
            published.add(new Published(lead, rejection));
            return acknowledgement;
        }

        Published only() {
            assertThat(published).hasSize(1);
            return published.get(0);
        }
    }
}
