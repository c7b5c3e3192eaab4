package io.leadflow.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.leadflow.delivery.TestPartners.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.integration.TypedValue;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Retries on the schedule, dead letters, and their replay through the admin API. */
@DeliveryServiceTest
class RetryIT {

    private static final String KEY_HEADER = "Idempotency-Key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BEARER = "Bearer " + DeliveryServiceTest.ADMIN_TOKEN;
    /** The admin API reads the dead-letter topics on every call, which takes a while on a busy machine. */
    private static final Duration ADMIN_PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private KafkaTemplate<String, SpecificRecord> kafka;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private WireMockServer buyers;
    @Autowired
    private FlowCatalog flows;
    @Autowired
    private WebTestClient web;

    @RegisterExtension
    final DeliveryTopics topics = new DeliveryTopics();

    @BeforeEach
    void waitLongerForTheAdminApi() {
        web = web.mutate().responseTimeout(ADMIN_PATIENCE).build();
    }

    @Test
    void retriesARecipientThatAnswers500TwiceAndRecordsEachAttemptWithTheSameIdempotencyKey() {
        String key = "lead-flaky:flaky-buyer";
        answerInTurn(key, aResponse().withStatus(500), aResponse().withStatus(500),
                okJson("{\"status\": \"accepted\"}"));

        send(enhanced("lead-flaky"));

        List<ConsumerRecord<String, DeliveryAttempted>> made = topics.attempts().await("lead-flaky", 3);
        assertThat(made).extracting(record -> record.value().getAttempt(),
                        record -> record.value().getResult().getOutcome(),
                        record -> record.value().getResult().getReason(),
                        record -> record.value().getIdempotencyKey())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Outcome.ERROR, "Server error", key),
                        org.assertj.core.groups.Tuple.tuple(2, Outcome.ERROR, "Server error", key),
                        org.assertj.core.groups.Tuple.tuple(3, Outcome.SUCCESS, null, key));
        List<ConsumerRecord<String, LeadCompleted>> completed = topics.completions().current("lead-flaky");
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).value().getSteps()).extracting(step -> step.getOutcome())
                .as("the completion reports the first pass").containsExactly(Outcome.ERROR);
        buyers.verify(exactly(3), postRequestedFor(urlEqualTo("/flaky/leads")).withHeader(KEY_HEADER, equalTo(key)));
        assertThat(topics.attempts().current("lead-flaky")).hasSize(3);
    }

    @Test
    void parksADeliveryOutOfRetriesAndAReplayRunTwiceDeliversItOnce() throws Exception {
        String key = "lead-parked:flaky-buyer";
        buyers.stubFor(post("/flaky/leads").withHeader(KEY_HEADER, equalTo(key))
                .willReturn(aResponse().withStatus(503)));

        send(enhanced("lead-parked"));
        topics.attempts().await("lead-parked", 3);
        JsonNode parked = await().atMost(ADMIN_PATIENCE).until(() -> list("lead=lead-parked"),
                listed -> listed.path("count").asInt() == 1).path("deadLetters").get(0);

        assertThat(parked.path("category").asString()).isEqualTo("retries_exhausted");
        assertThat(parked.path("reason").asString()).isEqualTo("Retries exhausted after 3 attempts: Server error");
        assertThat(parked.path("flow").asString()).isEqualTo("retrying");
        assertThat(parked.path("step").asString()).isEqualTo("flaky-buyer");
        assertThat(parked.path("entity").asString()).isEqualTo("Flaky Buyer");
        assertThat(parked.path("attempts").asInt()).isEqualTo(3);
        assertThat(parked.path("replayed").asBoolean()).isFalse();

        buyers.stubFor(post("/flaky/leads").withHeader(KEY_HEADER, equalTo(key))
                .willReturn(okJson("{\"status\": \"accepted\"}")));
        JsonNode dryRun = replay("{\"lead\": \"lead-parked\", \"dryRun\": true}");
        JsonNode first = replay("{\"lead\": \"lead-parked\"}");
        JsonNode second = replay("{\"lead\": \"lead-parked\"}");

        assertThat(dryRun.path("wouldReplay").asInt()).isEqualTo(1);
        assertThat(first.path("replayed").asInt()).isEqualTo(1);
        assertThat(second.path("replayed").asInt()).isZero();
        assertThat(second.path("alreadyReplayed").asInt()).isEqualTo(1);
        assertThat(topics.attempts().await("lead-parked", 4).get(3).value()).satisfies(attempt -> {
            assertThat(attempt.getAttempt()).isEqualTo(4);
            assertThat(attempt.getResult().getOutcome()).isEqualTo(Outcome.SUCCESS);
        });
        assertThat(list("lead=lead-parked").path("count").asInt()).as("replayed dead letters are not listed").isZero();
        assertThat(list("lead=lead-parked&all=true").path("deadLetters").get(0).path("replayed").asBoolean()).isTrue();
        assertThat(topics.attempts().current("lead-parked")).hasSize(4);
        buyers.verify(exactly(4), postRequestedFor(urlEqualTo("/flaky/leads")).withHeader(KEY_HEADER, equalTo(key)));
    }

    @Test
    void parksARecordThatCannotBeDecodedWithItsBytes() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LEAD_ENHANCED, "lead-garbled", new byte[] {1, 2, 3})).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        JsonNode parked = await().atMost(ADMIN_PATIENCE).until(() -> list("lead=lead-garbled&reason=undecodable"),
                listed -> listed.path("count").asInt() == 1).path("deadLetters").get(0);

        assertThat(parked.path("category").asString()).isEqualTo("undecodable");
        assertThat(parked.path("source").path("topic").asString()).isEqualTo(Topics.LEAD_ENHANCED);
        assertThat(parked.path("reason").asString()).contains("not Avro single-object encoded");
    }

    @Test
    void answersTheDeadLetterApiOnlyWithTheAdminTokenAndRefusesABadTimeFilter() {
        List<String> answers = List.of(
                status(web.get().uri("/api/dead-letters"), null),
                status(web.get().uri("/api/dead-letters"), "Bearer wrong-token"),
                status(web.get().uri("/api/dead-letters"), DeliveryServiceTest.ADMIN_TOKEN),
                status(web.post().uri("/api/dead-letters/replay").header("Content-Type", "application/json")
                        .bodyValue("{\"dryRun\": true}"), null),
                status(web.get().uri("/api/dead-letters"), "Bearer " + DeliveryServiceTest.ADMIN_TOKEN),
                status(web.get().uri("/api/dead-letters?from=yesterday"), "Bearer " + DeliveryServiceTest.ADMIN_TOKEN));

        assertThat(answers).containsExactly(
                "401 {\"error\":\"An admin token is required (Authorization: Bearer <token>)\"}",
                "401 {\"error\":\"An admin token is required (Authorization: Bearer <token>)\"}",
                "401 {\"error\":\"An admin token is required (Authorization: Bearer <token>)\"}",
                "401 {\"error\":\"An admin token is required (Authorization: Bearer <token>)\"}",
                "200",
                "400 {\"error\":\"from must be an ISO-8601 instant such as 2026-11-28T10:00:00Z, not 'yesterday'\"}");
    }

    private static String status(WebTestClient.RequestHeadersSpec<?> request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var result = request.exchange().expectBody(String.class).returnResult();
        int status = result.getStatus().value();
        return status == 200 ? "200" : status + " " + result.getResponseBody();
    }

    private JsonNode list(String query) {
        return JSON.readTree(web.get().uri("/api/dead-letters?" + query).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode replay(String body) {
        return JSON.readTree(web.post().uri("/api/dead-letters/replay").header("Content-Type", "application/json")
                .header("Authorization", BEARER).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private void answerInTurn(String key, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "answered-" + (i + 1);
            buyers.stubFor(post("/flaky/leads").withHeader(KEY_HEADER, equalTo(key)).inScenario(key)
                    .whenScenarioStateIs(state).willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    private void send(LeadEnhanced enhanced) {
        kafka.send(Topics.LEAD_ENHANCED, enhanced.getLeadId(), enhanced).join();
    }

    private LeadEnhanced enhanced(String leadId) {
        return LeadEnhanced.newBuilder()
                .setMetadata(new EventMetadata("enhanced-" + leadId, NOW, leadId, "received-" + leadId))
                .setLeadId(leadId)
                .setFlowId("retrying")
                .setFlowRevision(flows.find("retrying").orElseThrow().revision())
                .setSourceId("web")
                .setSubmittedAt(NOW)
                .setFields(Contracts.toAvroFields(Map.of("email",
                        new TypedValue("email", leadId + "@example.com", leadId + "@example.com", true, Map.of()))))
                .build();
    }
}
