package io.leadflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadflow.flow.FlowCatalog;
import io.leadflow.integration.types.FieldTypes;
import io.leadflow.intake.domain.CompletionWaits;
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
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.schemas.kafka.AvroSerializer;
import io.leadflow.servicekit.Contracts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntakeServiceContext
class IntakeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
        assertThat(UUID.fromString(received.getMetadata().getEventId()).version()).isEqualTo(4);
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
                "{\"outcome\":\"success\",\"lead\":{\"id\":\"" + received.getLeadId() + "\"},\"price\":4,"
                        + "\"appended\":{\"phone_check\":{\"line_type\":\"mobile\",\"outcome\":\"success\"},"
                        + "\"buyer_abc_corp\":{\"outcome\":\"success\",\"reason\":\"accepted\",\"price\":4.0,"
                        + "\"reference\":\"B-17\"}}}"));
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
                        text(415, "MIME type in Content-Type header is not supported. Use only "
                                + "application/x-www-form-urlencoded, application/json, application/xml, text/xml."),
                        text(405, "The PUT method is not allowed")));
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

        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .contains("leadflow_intake_leads_total{flow=\"shop\",outcome=\"success\",service=\"intake\",source=\"web\"}")
                .contains("leadflow_intake_leads_total{flow=\"unknown\",outcome=\"error\",service=\"intake\",source=\"unknown\"}")
                .doesNotContain("typo")
                .contains("http_server_requests_seconds_bucket");
    }

    private Answer postJson(String path, String json) {
        return answer(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange());
    }

    private CompletableFuture<Answer> postJsonInBackground(String path, String json) {
        return CompletableFuture.supplyAsync(() -> postJson(path, json));
    }

    private static Answer answer(WebTestClient.ResponseSpec response) {
        EntityExchangeResult<String> result = response.expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), result.getResponseHeaders().getContentType(),
                result.getResponseBody());
    }

    private static Answer text(int status, String body) {
        return new Answer(status, MediaType.TEXT_PLAIN, body);
    }

    private record Answer(int status, MediaType contentType, String body) {

        String leadId() {
            return body.replaceAll(".*\"lead\":\\{\"id\":\"([0-9a-f]+)\".*", "$1");
        }
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
        return await().atMost(WAIT).until(() -> allLeadsReceived().stream().filter(match).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    /** Every LeadReceived on the topic so far, read from the beginning to the current end. */
    private List<LeadReceived> allLeadsReceived() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<LeadReceived> leads = new ArrayList<>();
        try (KafkaConsumer<String, LeadReceived> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEAD_RECEIVED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> leads.add(record.value()));
            }
        }
        return leads;
    }
}
