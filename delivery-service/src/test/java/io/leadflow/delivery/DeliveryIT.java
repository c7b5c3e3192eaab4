package io.leadflow.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.leadflow.delivery.TestPartners.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.integration.TypedValue;
import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.LeadStop;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.common.StepType;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.EventIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@DeliveryServiceTest
class DeliveryIT {

    private static final StepResult MOBILE_PHONE_CHECK = new StepResult("phone-check", StepType.ENHANCEMENT,
            "Phone Check", "custom.outbound.json", Outcome.SUCCESS, null, 0.0, null,
            DynamicValues.toAvroMap(Map.of("line_type", "mobile")), NOW, 12L);
    private static final StepResult LANDLINE_PHONE_CHECK = new StepResult("phone-check", StepType.ENHANCEMENT,
            "Phone Check", "custom.outbound.json", Outcome.SUCCESS, null, 0.0, null,
            DynamicValues.toAvroMap(Map.of("line_type", "fixed_line")), NOW, 15L);
    private static final StepResult SKIPPED_BY_C = recipient("buyer-c", "Buyer C", Outcome.SKIP,
            "Criteria not met: lead.state is equal to TX",
            null, null, Map.of());

    @Autowired
    private KafkaTemplate<String, SpecificRecord> kafka;
    @Autowired
    private WireMockServer buyers;
    @Autowired
    private FlowCatalog flows;
    @Autowired
    private WebTestClient web;

    @RegisterExtension
    final DeliveryTopics topics = new DeliveryTopics();

    @Test
    void deliversTheMappedJsonToEveryRecipientWhoseCriteriaHoldAndCompletesTheLeadOnce() {
        answer("lead-delivered", "buyer-a", "/a/leads", okJson("{\"status\": \"accepted\", \"id\": \"A-1001\", \"price\": 1.25}"));
        answer("lead-delivered", "buyer-b", "/b/leads", okJson("{\"status\": \"rejected\", \"reason\": \"Duplicate lead\"}"));
        LeadEnhanced enhanced = enhanced("lead-delivered", null, List.of(MOBILE_PHONE_CHECK, passedFilter()), null);

        kafka.send(Topics.LEAD_ENHANCED, enhanced.getLeadId(), enhanced).join();

        StepResult acceptedByA = recipient("buyer-a", "Buyer A", Outcome.SUCCESS, null, 1.25, "A-1001",
                Map.of("status", "accepted", "id", "A-1001", "price", 1.25));
        StepResult rejectedByB = recipient("buyer-b", "Buyer B", Outcome.FAILURE, "Duplicate lead", 0.0, null,
                Map.of("status", "rejected", "reason", "Duplicate lead"));
        assertThat(values(topics.attempts().await("lead-delivered", 2)))
                .containsExactly(attempt(enhanced, acceptedByA, 200), attempt(enhanced, rejectedByB, 200));
        assertThat(values(topics.completions().await("lead-delivered", 1))).containsExactly(completion(enhanced,
                Outcome.SUCCESS, null,
                List.of(MOBILE_PHONE_CHECK, passedFilter(), acceptedByA, rejectedByB, SKIPPED_BY_C)));
        assertThat(topics.completions().current("lead-delivered")).hasSize(1);
        buyers.verify(exactly(1), postRequestedFor(urlEqualTo("/a/leads"))
                .withHeader("Idempotency-Key", equalTo("lead-delivered:buyer-a"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(
                        "{\"first_name\": \"Ada\", \"phone\": \"5127891111\", \"line_type\": \"mobile\", \"source\": \"web\"}")));
        buyers.verify(exactly(1), postRequestedFor(urlEqualTo("/b/leads"))
                .withHeader("Idempotency-Key", equalTo("lead-delivered:buyer-b"))
                .withRequestBody(equalToJson("{\"email\": \"ada@example.com\"}")));
        buyers.verify(exactly(0), postRequestedFor(urlEqualTo("/c/leads")));
    }

    @Test
    void recordsABuyersServerErrorAsAnErrorAttemptAndStillCompletesTheLead() {
        answer("lead-500", "buyer-a", "/a/leads", aResponse().withStatus(500).withBody("oops"));
        answer("lead-500", "buyer-b", "/b/leads", okJson("{\"status\": \"accepted\"}"));
        LeadEnhanced enhanced = enhanced("lead-500", null, List.of(MOBILE_PHONE_CHECK, passedFilter()), null);

        kafka.send(Topics.LEAD_ENHANCED, enhanced.getLeadId(), enhanced).join();

        StepResult serverError = recipient("buyer-a", "Buyer A", Outcome.ERROR, "Server error", null, null, Map.of());
        StepResult acceptedByB = recipient("buyer-b", "Buyer B", Outcome.SUCCESS, null, 0.0, null,
                Map.of("status", "accepted"));
        assertThat(values(topics.attempts().await("lead-500", 2)))
                .containsExactly(attempt(enhanced, serverError, 500), attempt(enhanced, acceptedByB, 200));
        assertThat(values(topics.completions().await("lead-500", 1))).containsExactly(completion(enhanced, Outcome.SUCCESS,
                null, List.of(MOBILE_PHONE_CHECK, passedFilter(), serverError, acceptedByB, SKIPPED_BY_C)));
    }

    @Test
    void recordsABuyerSlowerThanTheStepTimeoutAsAnErrorAttempt() {
        answer("lead-slow", "buyer-a", "/a/leads", okJson("{\"status\": \"accepted\"}"));
        answer("lead-slow", "buyer-b", "/b/leads", okJson("{\"status\": \"accepted\"}"));
        answer("lead-slow", "buyer-c", "/c/leads", okJson("{\"status\": \"accepted\"}").withFixedDelay(3_000));
        LeadEnhanced enhanced = enhanced("lead-slow", "TX", List.of(MOBILE_PHONE_CHECK, passedFilter()), null);

        kafka.send(Topics.LEAD_ENHANCED, enhanced.getLeadId(), enhanced).join();

        StepResult acceptedByA = recipient("buyer-a", "Buyer A", Outcome.SUCCESS, null, 0.0, null,
                Map.of("status", "accepted"));
        StepResult acceptedByB = recipient("buyer-b", "Buyer B", Outcome.SUCCESS, null, 0.0, null,
                Map.of("status", "accepted"));
        StepResult timedOut = recipient("buyer-c", "Buyer C", Outcome.ERROR, "Timed out after 1 s", null, null,
                Map.of());
        assertThat(values(topics.attempts().await("lead-slow", 3))).containsExactly(attempt(enhanced, acceptedByA, 200),
                attempt(enhanced, acceptedByB, 200), attempt(enhanced, timedOut, null));
        assertThat(values(topics.completions().await("lead-slow", 1))).containsExactly(completion(enhanced, Outcome.SUCCESS,
                null, List.of(MOBILE_PHONE_CHECK, passedFilter(), acceptedByA, acceptedByB, timedOut)));
    }

    @Test
    void completesALeadAFilterStoppedWithTheFiltersReasonAndDeliversNothing() {
        StepResult landlineFilter = new StepResult("no-landlines", StepType.FILTER, null, null, Outcome.FAILURE,
                "Landline", null, null, Map.of(), NOW, 0L);
        LeadEnhanced enhanced = enhanced("lead-stopped", null, List.of(LANDLINE_PHONE_CHECK, landlineFilter),
                new LeadStop("no-landlines", Outcome.FAILURE, "Landline"));

        kafka.send(Topics.LEAD_ENHANCED, enhanced.getLeadId(), enhanced).join();

        assertThat(values(topics.completions().await("lead-stopped", 1))).containsExactly(completion(enhanced,
                Outcome.FAILURE, "Landline", List.of(LANDLINE_PHONE_CHECK, landlineFilter)));
        assertThat(topics.attempts().current("lead-stopped")).isEmpty();
        buyers.verify(exactly(0), postRequestedFor(anyUrl())
                .withHeader("Idempotency-Key", matching("lead-stopped:.*")));
    }

    @Test
    void countsDeliveriesCompletionsAndStepsForPrometheus() {
        answer("lead-counted", "buyer-a", "/a/leads", okJson("{\"status\": \"accepted\"}"));
        answer("lead-counted", "buyer-b", "/b/leads", okJson("{\"status\": \"accepted\"}"));
        LeadEnhanced enhanced = enhanced("lead-counted", null, List.of(MOBILE_PHONE_CHECK, passedFilter()), null);
        kafka.send(Topics.LEAD_ENHANCED, enhanced.getLeadId(), enhanced).join();
        topics.completions().await("lead-counted", 1);

        String scrape = web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).containsPattern("(?m)^leadflow_delivery_deliveries_total\\{entity=\"Buyer A\",flow=\"buyers\","
                        + "outcome=\"success\",service=\"delivery\"} \\d+")
                .containsPattern("(?m)^leadflow_delivery_leads_completed_total\\{flow=\"buyers\",outcome=\"success\","
                        + "service=\"delivery\"} \\d+")
                .containsPattern("(?m)^leadflow_delivery_step_duration_seconds_bucket\\{flow=\"buyers\","
                        + "integration=\"custom.outbound.json\",outcome=\"success\",service=\"delivery\","
                        + "step=\"buyer-a\",le=\"[^\"]+\"} \\d+");
    }

    /** The buyer's answer to exactly this lead's delivery, told apart by its Idempotency-Key. */
    private void answer(String leadId, String stepId, String path, ResponseDefinitionBuilder response) {
        buyers.stubFor(post(path).withHeader("Idempotency-Key", equalTo(leadId + ":" + stepId)).willReturn(response));
    }

    private LeadEnhanced enhanced(String leadId, String state, List<StepResult> steps, LeadStop stop) {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        fields.put("first_name", new TypedValue("string", "Ada", "Ada", true, Map.of()));
        fields.put("email", new TypedValue("email", "ada@example.com", "ada@example.com", true,
                Map.of("domain", "example.com")));
        fields.put("phone", new TypedValue("phone", "(512) 789-1111", "5127891111", true, Map.of("area", "512")));
        if (state != null) {
            fields.put("state", new TypedValue("string", state, state, true, Map.of()));
        }
        return LeadEnhanced.newBuilder()
                .setMetadata(new EventMetadata("enhanced-" + leadId, NOW, leadId, "received-" + leadId))
                .setLeadId(leadId)
                .setFlowId("buyers")
                .setFlowRevision(flows.find("buyers").orElseThrow().revision())
                .setSourceId("web")
                .setSubmittedAt(NOW)
                .setFields(Contracts.toAvroFields(fields))
                .setSteps(steps)
                .setStop(stop)
                .build();
    }

    private static DeliveryAttempted attempt(LeadEnhanced enhanced, StepResult result, Integer httpStatus) {
        String causationId = enhanced.getMetadata().getEventId();
        return DeliveryAttempted.newBuilder()
                .setMetadata(new EventMetadata(EventIds.derived("delivery-attempted", causationId, result.getStepId(),
                        "1"), NOW, enhanced.getLeadId(), causationId))
                .setLeadId(enhanced.getLeadId())
                .setFlowId(enhanced.getFlowId())
                .setFlowRevision(enhanced.getFlowRevision())
                .setAttempt(1)
                .setIdempotencyKey(enhanced.getLeadId() + ":" + result.getStepId())
                .setHttpStatus(httpStatus)
                .setResult(result)
                .build();
    }

    private static LeadCompleted completion(LeadEnhanced enhanced, Outcome outcome, String reason,
                                            List<StepResult> steps) {
        return LeadCompleted.newBuilder()
                .setMetadata(new EventMetadata(EventIds.derived("lead-completed", enhanced.getLeadId()), NOW,
                        enhanced.getLeadId(), enhanced.getMetadata().getEventId()))
                .setLeadId(enhanced.getLeadId())
                .setFlowId(enhanced.getFlowId())
                .setFlowRevision(enhanced.getFlowRevision())
                .setSourceId(enhanced.getSourceId())
                .setSubmittedAt(enhanced.getSubmittedAt())
                .setOutcome(outcome)
                .setReason(reason)
                .setPrice(0.0)
                .setSteps(steps)
                .build();
    }

    private static StepResult recipient(String stepId, String entity, Outcome outcome, String reason, Double price,
                                        String reference, Map<String, Object> appended) {
        return new StepResult(stepId, StepType.RECIPIENT, entity, "custom.outbound.json", outcome, reason, price,
                reference, DynamicValues.toAvroMap(appended), NOW, 0L);
    }

    private static StepResult passedFilter() {
        return new StepResult("no-landlines", StepType.FILTER, null, null, Outcome.SUCCESS, null, null, null, Map.of(),
                NOW, 0L);
    }

    /** The records' values with recipient step durations zeroed: measured, so the one thing a test cannot predict. */
    private static <V extends SpecificRecord> List<V> values(List<ConsumerRecord<String, V>> records) {
        List<V> values = new ArrayList<>();
        for (ConsumerRecord<String, V> record : records) {
            V value = record.value();
            if (value instanceof DeliveryAttempted attempted) {
                attempted.getResult().setDurationMs(0L);
            }
            if (value instanceof LeadCompleted completed) {
                completed.getSteps().stream().filter(step -> step.getStepType() == StepType.RECIPIENT)
                        .forEach(step -> step.setDurationMs(0L));
            }
            values.add(value);
        }
        return values;
    }
}
