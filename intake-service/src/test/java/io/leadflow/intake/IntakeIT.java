package io.leadflow.intake;

import static io.leadflow.intake.IntakeCalls.answer;
import static io.leadflow.intake.IntakeCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.References;
import io.leadflow.flow.SealedFields;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.intake.IntakeCalls.Answer;
import io.leadflow.intake.domain.CompletionWaits;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.DynamicValue;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.common.LeadStop;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.common.StepType;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.schemas.kafka.AvroSerializer;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.EventIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntakeServiceContext
class IntakeIT {

    @Autowired
    private WebTestClient http;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private FlowCatalog flows;
    @Autowired
    private CompletionWaits completions;

    @Test
    void asyncSubmissionIsAnsweredWithItsIdAfterTheWholeLeadReceivedIsOnTheTopic() {
        Instant before = Instant.now();
        Answer answer = postJson("/flows/shop/sources/web/submit",
                "{\"email\":\"ada@example.com\",\"first_name\":\"Ada\",\"age\":36,\"opt_in\":true,\"note\":\"\"}");

        String leadId = answer.leadId();
        assertThat(answer).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON,
                "{\"outcome\":\"success\",\"lead\":{\"id\":\"" + leadId + "\"},\"price\":0}"));
        assertThat(leadId).matches("[0-9a-f]{24}");
        LeadReceived received = leadReceived(event -> event.getLeadId().equals(leadId));
        assertThat(received).isEqualTo(new LeadReceived(
                new EventMetadata(received.getMetadata().getEventId(), received.getSubmittedAt(), leadId, null),
                leadId, "shop", flows.find("shop").orElseThrow().revision(), "web", received.getSubmittedAt(),
                fields("email", "ada@example.com", "first_name", "Ada", "age", 36, "opt_in", true), null));
        assertThat(received.getMetadata().getEventId()).isEqualTo(EventIds.derived("lead-received", leadId));
        assertThat(received.getSubmittedAt()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(Long.parseLong(leadId.substring(0, 8), 16)).isBetween(before.getEpochSecond(),
                Instant.now().getEpochSecond());
    }

    @Test
    void syncSubmissionIsAnsweredWithItsCompletion() throws Exception {
        CompletableFuture<Answer> answer = postJsonInBackground("/flows/shop/sources/partner/submit",
                "{\"email\":\"grace@example.com\"}");
        LeadReceived received = leadReceived(withEmail("grace@example.com"));

        deliver(completed(received, Outcome.FAILURE, "Duplicate lead", 2.5, List.of()));

        assertThat(answer.join()).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON,
                "{\"outcome\":\"failure\",\"reason\":\"Duplicate lead\",\"lead\":{\"id\":\""
                        + received.getLeadId() + "\"},\"price\":2.5}"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void syncSubmissionIsAnsweredPendingWhenItsCompletionIsLate() {
        Answer answer = postJson("/flows/shop/sources/slow/submit", "{\"email\":\"late@example.com\"}");

        assertThat(answer).isEqualTo(new Answer(202, MediaType.APPLICATION_JSON,
                "{\"outcome\":\"pending\",\"lead\":{\"id\":\"" + answer.leadId() + "\"},\"price\":0}"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void verboseSourceIsShownWhatEachEntityAppended() throws Exception {
        CompletableFuture<Answer> answer = postJsonInBackground("/flows/shop/sources/rich/submit",
                "{\"email\":\"linus@example.com\"}");
        LeadReceived received = leadReceived(withEmail("linus@example.com"));
        StepResult phoneCheck = step("phone-check", StepType.ENHANCEMENT, "Phone Check", Outcome.SUCCESS, null, null,
                null, Map.of("line_type", new DynamicValue("mobile")));
        StepResult buyer = step("buyer", StepType.RECIPIENT, "Buyer ABC Corp", Outcome.SUCCESS, "accepted", 4.0,
                "B-17", Map.of());

        deliver(completed(received, Outcome.SUCCESS, null, 4.0, List.of(phoneCheck, buyer)));

        assertThat(answer.join()).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON,
                "{\"appended\":{\"phone_check\":{\"line_type\":\"mobile\",\"outcome\":\"success\"},"
                        + "\"buyer_abc_corp\":{\"outcome\":\"success\",\"reason\":\"accepted\",\"price\":4,"
                        + "\"reference\":\"B-17\"}},\"outcome\":\"success\",\"lead\":{\"id\":\""
                        + received.getLeadId() + "\"},\"price\":4}"));
    }

    @Test
    void missingRequiredFieldIsAnsweredFailureAndPublishedWithItsRejection() {
        Answer answer = postJson("/flows/shop/sources/partner/submit", "{\"first_name\":\"Nobody\"}");

        String leadId = answer.leadId();
        assertThat(answer).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON,
                "{\"outcome\":\"failure\",\"reason\":\"email is required\",\"lead\":{\"id\":\"" + leadId
                        + "\"},\"price\":0}"));
        LeadReceived received = leadReceived(event -> event.getLeadId().equals(leadId));
        assertThat(received.getRejection()).isEqualTo(new LeadStop(null, Outcome.FAILURE, "email is required"));
        assertThat(received.getFields()).isEqualTo(fields("first_name", "Nobody"));
    }

    @Test
    void formBodyAndQueryStringAreMergedWithTheQueryWinning() {
        Answer answer = answer(http.post().uri("/flows/shop/sources/web/submit?first_name=Query&age=7")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("email=form%40example.com&first_name=Form&callcenter.hours=9-5&tag=a&tag=b")
                .exchange());

        assertThat(answer.status()).isEqualTo(201);
        LeadReceived received = leadReceived(event -> event.getLeadId().equals(answer.leadId()));
        assertThat(received.getFields()).isEqualTo(fields("email", "form@example.com", "first_name", "Query",
                "callcenter.hours", "9-5", "tag", List.of("a", "b"), "age", "7"));
    }

    @Test
    void getSubmitsTheQueryString() {
        Answer answer = answer(http.get().uri("/flows/shop/sources/web/submit?email=get@example.com&first_name=Get")
                .exchange());

        assertThat(answer.status()).isEqualTo(201);
        assertThat(leadReceived(event -> event.getLeadId().equals(answer.leadId())).getFields())
                .isEqualTo(fields("email", "get@example.com", "first_name", "Get"));
    }

    @Test
    void refusalsAreAnsweredInPlainText() {
        assertThat(List.of(
                postJson("/flows/nope/sources/web/submit", "{}"),
                postJson("/flows/shop/sources/nope/submit", "{}"),
                postJson("/flows/shop/sources/paused/submit", "{\"email\":\"a@example.com\"}"),
                postJson("/flows/shop/sources/web/submit", "{\"email\": \"a@example.com\",}"),
                answer(http.post().uri("/flows/shop/sources/web/submit").contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("email=a@example.com").exchange()),
                answer(http.put().uri("/flows/shop/sources/web/submit").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}").exchange())))
                .isEqualTo(List.of(
                        text(404, "Flow nope not found"),
                        text(404, "Source nope not found in flow shop"),
                        text(403, "Source is disabled"),
                        text(400, "Unable to parse JSON -- Unexpected character ('}' (code 125)): was expecting "
                                + "double-quote to start property name"),
                        text(406, "MIME type in Content-Type header is not supported. Use only "
                                + "application/x-www-form-urlencoded, application/json, application/xml, text/xml."),
                        text(405, "The PUT method is not allowed")));
    }

    @Test
    void answersInXmlWhenTheSourceAcceptsXml() {
        Answer answer = answer(http.post().uri("/flows/shop/sources/web/submit")
                .header("Accept", "application/xml")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("email=xml%40example.com").exchange());

        String leadId = leadReceived(withEmail("xml@example.com")).getLeadId();
        assertThat(answer).isEqualTo(new Answer(201, MediaType.APPLICATION_XML, """
                <?xml version="1.0"?>
                <result>
                  <outcome>success</outcome>
                  <lead>
                    <id>%s</id>
                  </lead>
                  <price>0</price>
                </result>""".formatted(leadId)));
    }

    @Test
    void sendsTheSourceOnToItsRedirUrl() {
        http.get().uri("/flows/shop/sources/web/submit?email=redirected@example.com&redir_url=https://example.com/thanks")
                .exchange()
                .expectStatus().isEqualTo(303)
                .expectHeader().valueEquals("Location", "https://example.com/thanks");

        assertThat(leadReceived(withEmail("redirected@example.com")).getFields().get("redir_url").getRaw())
                .isEqualTo("https://example.com/thanks");
    }

    @Test
    void answersPingsFromTheAcceptanceCriteriaWithoutCreatingALead() {
        List<Answer> answers = List.of(
                postJson("/flows/shop/sources/web/ping", "{\"email\":\"ping@example.com\"}"),
                postJson("/flows/shop/sources/web/ping", "{\"email\":\"ping@example.com\",\"first_name\":\"Mallory\"}"),
                postJson("/flows/shop/sources/web/ping", "{\"first_name\":\"Nobody\"}"));

        assertThat(answers).isEqualTo(List.of(
                new Answer(200, MediaType.APPLICATION_JSON, "{\"outcome\":\"failure\",\"reason\":\"no bid\",\"price\":0}"),
                new Answer(200, MediaType.APPLICATION_JSON,
                        "{\"outcome\":\"failure\",\"reason\":\"Mallory is not welcome\",\"price\":0}"),
                new Answer(200, MediaType.APPLICATION_JSON,
                        "{\"outcome\":\"failure\",\"reason\":\"email is required\",\"price\":0}")));
        postJson("/flows/shop/sources/web/submit", "{\"email\":\"after-ping@example.com\"}");
        leadReceived(withEmail("after-ping@example.com"));
        assertThat(allLeadsReceived()).noneMatch(withEmail("ping@example.com"));
    }

    @Test
    void refusesLeadsTheFlowsAcceptanceCriteriaDoNotHoldForAndStillPublishesThem() {
        Answer answer = postJson("/flows/shop/sources/web/submit",
                "{\"email\":\"mallory@example.com\",\"first_name\":\"Mallory\"}");

        LeadReceived received = leadReceived(withEmail("mallory@example.com"));
        assertThat(answer).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON, "{\"outcome\":\"failure\","
                + "\"reason\":\"Mallory is not welcome\",\"lead\":{\"id\":\"" + received.getLeadId() + "\"},\"price\":0}"));
        assertThat(received.getRejection()).isEqualTo(new LeadStop(null, Outcome.FAILURE, "Mallory is not welcome"));
    }

    @Test
    void anSsnTravelsSealedAndShowsOnlyItsMask() {
        postJson("/flows/shop/sources/web/submit", "{\"email\":\"sealed@example.com\",\"ssn\":\"123-45-6789\"}");

        LeadReceived received = leadReceived(withEmail("sealed@example.com"));
        FieldValue ssn = received.getFields().get("ssn");
        assertThat(new FieldValue(ssn.getType(), ssn.getRaw(), ssn.getNormal(), ssn.getValid(), ssn.getComponents(),
                null)).isEqualTo(new FieldValue("ssn", "***********", new DynamicValue("*********"), true,
                Map.of("first_three", new DynamicValue("***"), "middle_two", new DynamicValue("**"),
                        "last_four", new DynamicValue("****"), "masked", new DynamicValue(true)), null));
        assertThat(ssn.getSealed()).startsWith("v1:leadflow-field-key:").doesNotContain("6789");
        TypedValue opened = new SealedFields(new References(name -> null, Path.of("src/test/resources/secrets")))
                .open(new LeadView(flows.find("shop").orElseThrow(), Contracts.lead(received), List.of()))
                .lead().fields().get("ssn");
        assertThat(opened).isEqualTo(FieldTypes.parse("ssn", "123-45-6789"));
    }

    @Test
    void disabledFlowIsAnsweredWithAnErrorAndCreatesNoLead() {
        Answer answer = postJson("/flows/closed/sources/web/submit", "{\"email\":\"closed@example.com\"}");

        assertThat(answer).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON,
                "{\"outcome\":\"error\",\"reason\":\"Flow is disabled\",\"price\":0}"));
        assertThat(allLeadsReceived()).noneMatch(event -> event.getFlowId().equals("closed"));
    }

    @Test
    void prometheusShowsLeadsByFlowSourceAndOutcome() {
        postJson("/flows/shop/sources/web/submit", "{\"email\":\"count@example.com\"}");
        postJson("/flows/typo/sources/web/submit", "{}");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();

        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .contains("leadflow_intake_leads_total{flow=\"shop\",outcome=\"success\",service=\"intake\",source=\"web\"}")
                .contains("leadflow_intake_leads_total{flow=\"unknown\",outcome=\"error\",service=\"intake\",source=\"unknown\"}")
                .doesNotContain("typo")
                .contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\","
                        + "outcome=\"SUCCESS\",service=\"intake\",status=\"201\","
                        + "uri=\"/flows/{flowId}/sources/{sourceId}/submit\"}")
                .contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                        + "outcome=\"SUCCESS\",service=\"intake\",status=\"200\",uri=\"/actuator/prometheus\"}");
    }

    private Answer postJson(String path, String json) {
        return answer(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange());
    }

    private CompletableFuture<Answer> postJsonInBackground(String path, String json) {
        return CompletableFuture.supplyAsync(() -> postJson(path, json));
    }

    /** The fields as the flow's types read them: every test-flow field, and every unknown one, is a string. */
    private static Map<String, FieldValue> fields(Object... idsAndValues) {
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            fields.put((String) idsAndValues[i], Contracts.toAvro(FieldTypes.parse("string", idsAndValues[i + 1])));
        }
        return fields;
    }

    private static StepResult step(String id, StepType type, String entity, Outcome outcome, String reason,
                                   Double price, String reference, Map<String, DynamicValue> appended) {
        return new StepResult(id, type, entity, "custom.outbound.json", outcome, reason, price, reference, appended,
                Instant.now(), 12L);
    }

    private static LeadCompleted completed(LeadReceived lead, Outcome outcome, String reason, double price,
                                           List<StepResult> steps) {
        return new LeadCompleted(new EventMetadata(UUID.randomUUID().toString(), Instant.now(), lead.getLeadId(),
                lead.getMetadata().getEventId()), lead.getLeadId(), lead.getFlowId(), lead.getFlowRevision(),
                lead.getSourceId(), lead.getSubmittedAt(), outcome, reason, price, steps);
    }

    private void deliver(LeadCompleted completed) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
        try (KafkaProducer<String, LeadCompleted> producer = new KafkaProducer<>(settings)) {
            producer.send(new ProducerRecord<>(Topics.LEAD_COMPLETED, completed.getLeadId(), completed)).get();
        }
    }

    private static Predicate<LeadReceived> withEmail(String email) {
        return event -> event.getFields().containsKey("email")
                && email.equals(event.getFields().get("email").getRaw());
    }

    private LeadReceived leadReceived(Predicate<LeadReceived> match) {
        return IntakeCalls.leadReceived(broker, match);
    }

    private List<LeadReceived> allLeadsReceived() {
        return IntakeCalls.allLeadsReceived(broker);
    }
}
