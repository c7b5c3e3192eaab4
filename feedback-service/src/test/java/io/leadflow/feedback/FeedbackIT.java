package io.leadflow.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.feedback.FeedbackRejection;
import io.leadflow.schemas.feedback.FeedbackType;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.servicekit.EventIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.json.JsonMapper;

class FeedbackIT extends SharedFeedbackContext {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ABC_KEY = "abc-key-for-tests";
    private static final String PARTNER_KEY = "partner-key-for-tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private WebTestClient http;
    @Autowired
    private KafkaTemplate<String, SpecificRecord> kafka;
    @Autowired
    private StreamsBuilderFactoryBean streams;
    @Autowired
    private EmbeddedKafkaBroker broker;

    @BeforeEach
    void awaitStreamsRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
        http = http.mutate().responseTimeout(Duration.ofSeconds(15)).build();
    }

    @Test
    void answersAFirstReturnWith201AndASecondWith409() {
        String leadId = deliveredLead("open");

        EntityExchangeResult<String> first = postFeedback(Map.of("lead_id", leadId, "type", "return",
                "reason", "Wrong number"), null);
        EntityExchangeResult<String> second = postFeedback(Map.of("lead_id", leadId, "type", "return"), null);

        assertAnswer(first, 201, """
                {"outcome": "success", "feedback": {"id": "%s", "type": "return"}, "lead": {"id": "%s"},
                 "entity": "Buyer ABC"}""".formatted(feedbackId(first), leadId));
        assertAnswer(second, 409, """
                {"outcome": "failure", "reason": "Lead %1$s was already returned by Buyer ABC", "lead": {"id": "%1$s"}}
                """.formatted(leadId));
    }

    @Test
    void acceptsAConversionAsOftenAsItComes() {
        String leadId = deliveredLead("open");

        EntityExchangeResult<String> first = postFeedback(Map.of("lead_id", leadId, "type", "conversion"), null);
        EntityExchangeResult<String> second = postFeedback(Map.of("lead_id", leadId, "type", "Conversion"), null);

        for (EntityExchangeResult<String> answer : List.of(first, second)) {
            assertAnswer(answer, 201, """
                    {"outcome": "success", "feedback": {"id": "%s", "type": "conversion"}, "lead": {"id": "%s"},
                     "entity": "Buyer ABC"}""".formatted(feedbackId(answer), leadId));
        }
    }

    @Test
    void acceptsFeedbackAsAForm() {
        String leadId = deliveredLead("open");

        EntityExchangeResult<String> answer = http.post().uri("/feedback")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("lead_id", leadId).with("type", "RETURN").with("reason", "Fake"))
                .exchange().expectBody(String.class).returnResult();

        assertAnswer(answer, 201, """
                {"outcome": "success", "feedback": {"id": "%s", "type": "return"}, "lead": {"id": "%s"},
                 "entity": "Buyer ABC"}""".formatted(feedbackId(answer), leadId));
    }

    @Test
    void answers404ForALeadItNeverSaw() {
        String leadId = UUID.randomUUID().toString();

        assertAnswer(postFeedback(Map.of("lead_id", leadId, "type", "return"), null), 404, """
                {"outcome": "failure", "reason": "Lead %1$s not found", "lead": {"id": "%1$s"}}""".formatted(leadId));
    }

    @Test
    void answers400NamingTheFieldThatIsMissingOrInvalid() {
        assertAnswer(postFeedback(Map.of("type", "return"), null), 400, """
                {"outcome": "failure", "reason": "lead_id is required", "field": "lead_id"}""");
        assertAnswer(postFeedback(Map.of("lead_id", "L1", "type", "refund"), null), 400, """
                {"outcome": "failure", "reason": "type must be return or conversion", "field": "type"}""");
    }

    @Test
    void letsOnlyOneOfTwoConcurrentReturnsPass() {
        String leadId = deliveredLead("open");
        Map<String, Object> aReturn = Map.of("lead_id", leadId, "type", "return");

        CompletableFuture<EntityExchangeResult<String>> one = CompletableFuture.supplyAsync(() -> postFeedback(aReturn, null));
        CompletableFuture<EntityExchangeResult<String>> other = CompletableFuture.supplyAsync(() -> postFeedback(aReturn, null));

        List<Integer> statuses = List.of(one.join().getStatus().value(), other.join().getStatus().value());
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    }

    @Test
    void asksForTheRecipientsKeyWhenTheFlowNamesFeedbackKeys() {
        String leadId = deliveredLead("keyed");
        Map<String, Object> aReturn = Map.of("lead_id", leadId, "type", "return");

        assertAnswer(postFeedback(aReturn, null), 401, """
                {"outcome": "failure", "reason": "Feedback for lead %1$s requires a feedback key",
                 "lead": {"id": "%1$s"}}""".formatted(leadId));
        assertAnswer(postFeedback(aReturn, "not-a-key"), 403, """
                {"outcome": "failure", "reason": "The feedback key is not valid", "lead": {"id": "%1$s"}}"""
                .formatted(leadId));
        assertAnswer(postFeedback(aReturn, PARTNER_KEY), 403, """
                {"outcome": "failure", "reason": "The feedback key is not valid for lead %1$s", "lead": {"id": "%1$s"}}"""
                .formatted(leadId));
        EntityExchangeResult<String> accepted = postFeedback(aReturn, ABC_KEY);
        assertAnswer(accepted, 201, """
                {"outcome": "success", "feedback": {"id": "%s", "type": "return"}, "lead": {"id": "%s"},
                 "entity": "Buyer ABC"}""".formatted(feedbackId(accepted), leadId));
    }

    @Test
    void showsTheLeadsWholeTimeline() {
        String leadId = deliveredLead("open");
        String returned = feedbackId(postFeedback(Map.of("lead_id", leadId, "type", "return", "reason", "Wrong number"), null));
        postFeedback(Map.of("lead_id", leadId, "type", "return"), null);

        EntityExchangeResult<String> timeline = http.get().uri("/leads/{id}", leadId).exchange()
                .expectBody(String.class).returnResult();
        // A rejection's answer does not carry the feedback id the service gave it: take it from the timeline.
        String duplicate = JsonPath.read(timeline.getResponseBody(), "$.feedback[1].id");

        assertAnswer(timeline, 200, """
                {"lead": {"id": "%1$s", "flow": "open", "flowRevision": "rev-1", "source": "web",
                          "submittedAt": "2025-03-01T10:00:00Z",
                          "fields": {"email": {"type": "email", "raw": "Ada@Example.com", "normal": "ada@example.com",
                                               "valid": true, "components": {"domain": "example.com"}},
                                     "phone_1": {"type": "phone", "raw": "512-555-0142", "normal": "5125550142",
                                                 "valid": true, "components": {"area": "512"}}}},
                 "steps": [
                   {"step": "phone-check", "type": "enhancement", "entity": "Phone Check",
                    "integration": "custom.outbound.json", "outcome": "success", "reason": null, "price": null,
                    "reference": null, "appended": {"line_type": "mobile"}, "startedAt": "2025-03-01T10:00:00.100Z",
                    "durationMs": 35},
                   {"step": "buyer-abc", "type": "recipient", "entity": "Buyer ABC",
                    "integration": "custom.outbound.json", "outcome": "success", "reason": null, "price": 12.5,
                    "reference": "abc-77", "appended": {}, "startedAt": "2025-03-01T10:00:02Z", "durationMs": 120}],
                 "deliveries": [
                   {"step": "buyer-abc", "entity": "Buyer ABC", "attempt": 1, "outcome": "success", "reason": null,
                    "price": 12.5, "reference": "abc-77", "httpStatus": 201, "at": "2025-03-01T10:00:02Z",
                    "idempotencyKey": "%1$s:buyer-abc"}],
                 "completion": {"outcome": "success", "reason": null, "price": 0.0, "at": "2025-03-01T10:00:03Z"},
                 "feedback": [
                   {"id": "%2$s", "type": "return", "reason": "Wrong number", "result": "matched",
                    "entity": "Buyer ABC", "at": "2025-03-02T09:00:00Z"},
                   {"id": "%3$s", "type": "return", "reason": null, "result": "duplicate_return",
                    "entity": "Buyer ABC", "at": "2025-03-02T09:00:00Z"}]}
                """.formatted(leadId, returned, duplicate));
    }

    @Test
    void answers404ForTheTimelineOfALeadItNeverSaw() {
        String leadId = UUID.randomUUID().toString();

        assertAnswer(http.get().uri("/leads/{id}", leadId).exchange().expectBody(String.class).returnResult(), 404,
                """
                {"outcome": "failure", "reason": "Lead %1$s not found", "lead": {"id": "%1$s"}}""".formatted(leadId));
    }

    @Test
    void publishesEachDecisionOnItsTopic() {
        String leadId = deliveredLead("open");
        String matched = feedbackId(postFeedback(Map.of("lead_id", leadId, "type", "return", "reason", "Fake"), null));
        postFeedback(Map.of("lead_id", leadId, "type", "return"), null);

        FeedbackMatched match = (FeedbackMatched) decision(Topics.FEEDBACK_MATCHED, leadId).get(0);
        FeedbackRejected rejection = (FeedbackRejected) decision(Topics.FEEDBACK_REJECTED, leadId).get(0);

        assertThat(match).isEqualTo(new FeedbackMatched(derivedMetadata("feedback-matched", match.getMetadata()),
                matched, leadId, "open", "web", FeedbackType.RETURN, "Fake", "buyer-abc", "Buyer ABC", 12.5));
        assertThat(rejection).isEqualTo(new FeedbackRejected(
                derivedMetadata("feedback-rejected", rejection.getMetadata()), rejection.getFeedbackId(), leadId,
                FeedbackType.RETURN,
                FeedbackRejection.DUPLICATE_RETURN, "Lead " + leadId + " was already returned by Buyer ABC"));
    }

    @Test
    void exposesFeedbackAndKafkaStreamsMetrics() {
        String leadId = deliveredLead("open");
        postFeedback(Map.of("lead_id", leadId, "type", "return"), null);

        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .containsPattern("leadflow_feedback_feedback_total\\{result=\"matched\",service=\"feedback\","
                        + "type=\"return\"} [1-9]")
                .containsPattern("leadflow_feedback_feedback_total\\{result=\"unknown_lead\",service=\"feedback\","
                        + "type=\"return\"} [0-9]")
                .contains("kafka_stream_thread_process_total")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void parksAnUndecodableLeadEventOnTheDeadLetterTopicAndGoesOn() {
        String poisonKey = UUID.randomUUID().toString();
        Map<String, Object> settings = KafkaTestUtils.producerProps(broker);
        try (Producer<String, byte[]> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LEAD_RECEIVED, poisonKey, "not avro".getBytes())).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }

        ConsumerRecord<String, byte[]> parked = deadLetter(poisonKey);

        assertThat(new String(parked.value())).isEqualTo("not avro");
        assertThat(new String(parked.headers().lastHeader("kafka_dlt-original-topic").value()))
                .isEqualTo(Topics.LEAD_RECEIVED);
        assertThat(deliveredLead("open")).isNotBlank();
    }

    private String deliveredLead(String flowId) {
        String leadId = UUID.randomUUID().toString();
        UpstreamEvents events = new UpstreamEvents(leadId, flowId);
        kafka.send(Topics.LEAD_RECEIVED, leadId, events.received()).join();
        kafka.send(Topics.LEAD_ENHANCED, leadId, events.enhanced()).join();
        kafka.send(Topics.DELIVERY_ATTEMPTED, leadId, events.accepted()).join();
        kafka.send(Topics.LEAD_COMPLETED, leadId, events.completed()).join();
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/leads/{id}", leadId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.completion.outcome").isEqualTo("success"));
        return leadId;
    }

    private EntityExchangeResult<String> postFeedback(Map<String, Object> body, String key) {
        return http.post().uri("/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (key != null) {
                        headers.set("X-Feedback-Key", key);
                    }
                })
                .bodyValue(body)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    private static void assertAnswer(EntityExchangeResult<String> answer, int status, String expectedJson) {
        assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(status);
        assertThat(JSON.readValue(answer.getResponseBody(), Map.class))
                .isEqualTo(JSON.readValue(expectedJson, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static String feedbackId(EntityExchangeResult<String> answer) {
        Map<String, Object> body = JSON.readValue(answer.getResponseBody(), Map.class);
        return String.valueOf(((Map<String, Object>) body.get("feedback")).get("id"));
    }

    /** The metadata a decision must carry: an id derived from the FeedbackReceived event that caused it. */
    private static EventMetadata derivedMetadata(String kind, EventMetadata actual) {
        return new EventMetadata(EventIds.derived(kind, actual.getCausationId()), NOW, actual.getCorrelationId(),
                actual.getCausationId());
    }

    private ConsumerRecord<String, byte[]> deadLetter(String key) {
        Map<String, Object> settings = KafkaTestUtils.consumerProps(broker, "feedback-it-" + UUID.randomUUID(), false);
        try (Consumer<String, byte[]> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FEEDBACK_DEAD_LETTER));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private List<SpecificRecord> decision(String topic, String leadId) {
        Map<String, Object> settings = KafkaTestUtils.consumerProps(broker, "feedback-it-" + UUID.randomUUID(), false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
        values.configure(settings, false);
        try (Consumer<String, SpecificRecord> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<SpecificRecord> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (leadId.equals(record.key())) {
                        found.add(record.value());
                    }
                });
                return !found.isEmpty();
            });
            return found;
        }
    }
}
