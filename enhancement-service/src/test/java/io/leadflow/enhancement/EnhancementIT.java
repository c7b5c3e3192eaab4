package io.leadflow.enhancement;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.leadflow.enhancement.TestPartners.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.integration.TypedValue;
import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.LeadStop;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.common.StepType;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.schemas.kafka.UnknownSchemaException;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.EventIds;
import io.leadflow.servicekit.testing.TopicReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

@EnhancementServiceTest
class EnhancementIT {

    @Autowired
    private KafkaTemplate<String, SpecificRecord> kafka;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private WireMockServer dataService;
    @Autowired
    private FlowCatalog flows;
    @Autowired
    private WebTestClient web;

    private TopicReader<LeadEnhanced> enhanced;
    private TopicReader<byte[]> deadLetters;

    @BeforeEach
    void readTopics() {
        enhanced = new TopicReader<>(broker.getBrokersAsString(), Topics.LEAD_ENHANCED, new AvroDeserializer<>());
        deadLetters = new TopicReader<>(broker.getBrokersAsString(), Topics.ENHANCEMENT_DEAD_LETTER,
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeReaders() {
        enhanced.close();
        deadLetters.close();
    }

    @Test
    void enhancesALeadWithTheDataServicesAnswerAppendedUnderItsStep() {
        answerPhoneCheck("5127891111", "{\"line_type\": \"mobile\", \"carrier\": {\"name\": \"Verizon\"}}");
        LeadReceived received = received("lead-mobile", "5127891111");

        kafka.send(Topics.LEAD_RECEIVED, received.getLeadId(), received).join();

        assertThat(withoutDurations(enhanced.await("lead-mobile", 1).get(0).value())).isEqualTo(enhancement(received,
                List.of(phoneCheck(Map.of("line_type", "mobile", "carrier", Map.of("name", "Verizon"))),
                        filter(Outcome.SUCCESS, null)),
                null));
        dataService.verify(exactly(1), postRequestedFor(urlEqualTo("/phone-check"))
                .withRequestBody(equalToJson("{\"phone\": \"5127891111\"}")));
        dataService.verify(exactly(0), postRequestedFor(urlEqualTo("/buyer/leads")));
    }

    @Test
    void stopsALeadWhoseAppendedLineTypeTheFilterRefuses() {
        answerPhoneCheck("5127892222", "{\"line_type\": \"fixed_line\"}");
        LeadReceived received = received("lead-landline", "5127892222");

        kafka.send(Topics.LEAD_RECEIVED, received.getLeadId(), received).join();

        assertThat(withoutDurations(enhanced.await("lead-landline", 1).get(0).value())).isEqualTo(enhancement(received,
                List.of(phoneCheck(Map.of("line_type", "fixed_line")), filter(Outcome.FAILURE, "Landline")),
                new LeadStop("no-landlines", Outcome.FAILURE, "Landline")));
    }

    @Test
    void parksARecordOfAnUnknownSchemaOnTheDeadLetterTopicAndGoesOnWithTheNextRecord() throws Exception {
        byte[] fingerprint = new byte[8];
        ThreadLocalRandom.current().nextBytes(fingerprint);
        byte[] poison = ByteBuffer.allocate(2 + 8 + 4).put((byte) 0xC3).put((byte) 0x01).put(fingerprint)
                .put("junk".getBytes(StandardCharsets.US_ASCII)).array();
        answerPhoneCheck("5127893333", "{\"line_type\": \"mobile\"}");
        LeadReceived next = received("lead-after-poison", "5127893333");

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LEAD_RECEIVED, 0, "lead-poison", poison)).get();
        }
        kafka.send(new ProducerRecord<>(Topics.LEAD_RECEIVED, 0, next.getLeadId(), next)).join();

        ConsumerRecord<String, byte[]> parked = deadLetters.await("lead-poison", 1).get(0);
        assertThat(parked.value()).isEqualTo(poison);
        assertThat(withoutDurations(enhanced.await("lead-after-poison", 1).get(0).value())).isEqualTo(enhancement(next,
                List.of(phoneCheck(Map.of("line_type", "mobile")), filter(Outcome.SUCCESS, null)), null));
        long writerFingerprint = ByteBuffer.wrap(fingerprint).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(new String(parked.headers().lastHeader("kafka_dlt-exception-message").value(),
                StandardCharsets.UTF_8))
                .contains(new UnknownSchemaException(Topics.LEAD_RECEIVED, writerFingerprint).getMessage());
    }

    @Test
    void countsEnhancedLeadsAndStepsForPrometheus() {
        answerPhoneCheck("5127894444", "{\"line_type\": \"mobile\"}");
        LeadReceived received = received("lead-counted", "5127894444");
        kafka.send(Topics.LEAD_RECEIVED, received.getLeadId(), received).join();
        enhanced.await("lead-counted", 1);

        String scrape = scrape();

        assertThat(scrape).containsPattern(
                "(?m)^leadflow_enhancement_leads_total\\{flow=\"solar\",outcome=\"passed\",service=\"enhancement\"} \\d+")
                .containsPattern("(?m)^leadflow_enhancement_step_duration_seconds_bucket\\{flow=\"solar\","
                        + "integration=\"custom.outbound.json\",outcome=\"success\",service=\"enhancement\","
                        + "step=\"phone-check\",le=\"[^\"]+\"} \\d+");
    }

    @Test
    void asksTheDataServiceOnceForTwoLeadsWithTheSamePhoneWithinTheCacheTtl() {
        answerPhoneCheck("5127895555", "{\"line_type\": \"mobile\"}");
        LeadReceived first = received("lead-cached-1", "5127895555");
        LeadReceived second = received("lead-cached-2", "5127895555");

        kafka.send(Topics.LEAD_RECEIVED, first.getLeadId(), first).join();
        enhanced.await("lead-cached-1", 1);
        kafka.send(Topics.LEAD_RECEIVED, second.getLeadId(), second).join();

        assertThat(withoutDurations(enhanced.await("lead-cached-2", 1).get(0).value())).isEqualTo(enhancement(second,
                List.of(phoneCheck(Map.of("line_type", "mobile")), filter(Outcome.SUCCESS, null)), null));
        dataService.verify(exactly(1), postRequestedFor(urlEqualTo("/phone-check"))
                .withRequestBody(equalToJson("{\"phone\": \"5127895555\"}")));
        String scrape = scrape();
        assertThat(scrape).containsPattern("(?m)^leadflow_enhancement_step_cache_total\\{flow=\"solar\","
                + "integration=\"custom.outbound.json\",result=\"hit\",service=\"enhancement\","
                + "step=\"phone-check\"} [1-9]");
    }

    private void answerPhoneCheck(String phone, String json) {
        dataService.stubFor(post("/phone-check").withRequestBody(equalToJson("{\"phone\": \"" + phone + "\"}"))
                .willReturn(okJson(json)));
    }

    private LeadReceived received(String leadId, String phone) {
        TypedValue typedPhone = new TypedValue("phone", phone, phone, true, Map.of("area", phone.substring(0, 3)));
        return LeadReceived.newBuilder()
                .setMetadata(new EventMetadata("received-" + leadId, NOW, leadId, null))
                .setLeadId(leadId)
                .setFlowId("solar")
                .setFlowRevision(flows.find("solar").orElseThrow().revision())
                .setSourceId("web")
                .setSubmittedAt(NOW)
                .setFields(Contracts.toAvroFields(Map.of("phone", typedPhone)))
                .build();
    }

    private static LeadEnhanced enhancement(LeadReceived received, List<StepResult> steps, LeadStop stop) {
        String causationId = received.getMetadata().getEventId();
        return LeadEnhanced.newBuilder()
                .setMetadata(new EventMetadata(EventIds.derived("lead-enhanced", causationId), NOW,
                        received.getLeadId(), causationId))
                .setLeadId(received.getLeadId())
                .setFlowId(received.getFlowId())
                .setFlowRevision(received.getFlowRevision())
                .setSourceId(received.getSourceId())
                .setSubmittedAt(received.getSubmittedAt())
                .setFields(received.getFields())
                .setSteps(steps)
                .setStop(stop)
                .build();
    }

    private static StepResult phoneCheck(Map<String, Object> appended) {
        return new StepResult("phone-check", StepType.ENHANCEMENT, "Phone Check", "custom.outbound.json",
                Outcome.SUCCESS, null, 0.0, null, DynamicValues.toAvroMap(appended), NOW, 0L);
    }

    private static StepResult filter(Outcome outcome, String reason) {
        return new StepResult("no-landlines", StepType.FILTER, null, null, outcome, reason, null, null, Map.of(), NOW,
                0L);
    }

    /** Step durations are measured, so they are the one thing a test cannot predict. */
    private static LeadEnhanced withoutDurations(LeadEnhanced enhancement) {
        enhancement.getSteps().forEach(step -> step.setDurationMs(0L));
        return enhancement;
    }

    /** The Prometheus scrape; the lists' Kafka Streams metrics make it larger than the client's default 256 KiB. */
    private String scrape() {
        return web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
