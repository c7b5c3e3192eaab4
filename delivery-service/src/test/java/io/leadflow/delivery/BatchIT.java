package io.leadflow.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.leadflow.delivery.TestPartners.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.integration.TypedValue;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A batching recipient step: leads go to the bulk endpoint together and each gets its own outcome. */
@DeliveryServiceTest
class BatchIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LEADS = List.of("lead-bulk-1", "lead-bulk-2", "lead-bulk-3");

    @Autowired
    private KafkaTemplate<String, SpecificRecord> kafka;
    @Autowired
    private WireMockServer buyers;
    @Autowired
    private FlowCatalog flows;

    @RegisterExtension
    final DeliveryTopics topics = new DeliveryTopics();

    @Test
    void sendsTheLeadsOfABatchInOneRequestAndRecordsEachLeadsOwnOutcomeFromTheBulkAnswer() {
        buyers.stubFor(post("/bulk/leads").willReturn(okJson(
                "[{\"status\":\"accepted\"},{\"status\":\"rejected\",\"reason\":\"Duplicate\"},{\"status\":\"accepted\"}]")));

        LEADS.forEach(leadId -> kafka.send(Topics.LEAD_ENHANCED, leadId, enhanced(leadId)).join());

        LEADS.forEach(leadId -> topics.completions().await(leadId, 1));
        List<LoggedRequest> sent = buyers.findAll(postRequestedFor(urlEqualTo("/bulk/leads")));
        assertThat(sent).hasSize(1);
        List<String> order = JSON.readTree(sent.get(0).getBodyAsString()).valueStream()
                .map(lead -> lead.path("email").asString().replace("@example.com", "")).toList();
        assertThat(order).containsExactlyInAnyOrderElementsOf(LEADS);
        assertThat(sent.get(0).getHeader("Idempotency-Key")).isEqualTo(String.join(", ",
                order.stream().map(leadId -> leadId + ":bulk-buyer").toList()));
        List<Object> outcomes = order.stream().map(leadId -> {
            DeliveryAttempted attempt = topics.attempts().await(leadId, 1).get(0).value();
            return tuple(leadId, attempt.getAttempt(), attempt.getResult().getOutcome(),
                    attempt.getResult().getReason(), attempt.getHttpStatus(), attempt.getIdempotencyKey());
        }).map(Object.class::cast).toList();
        assertThat(outcomes).containsExactly(
                tuple(order.get(0), 1, Outcome.SUCCESS, null, 200, order.get(0) + ":bulk-buyer"),
                tuple(order.get(1), 1, Outcome.FAILURE, "Duplicate", 200, order.get(1) + ":bulk-buyer"),
                tuple(order.get(2), 1, Outcome.SUCCESS, null, 200, order.get(2) + ":bulk-buyer"));
    }

    private LeadEnhanced enhanced(String leadId) {
        return LeadEnhanced.newBuilder()
                .setMetadata(new EventMetadata("enhanced-" + leadId, NOW, leadId, "received-" + leadId))
                .setLeadId(leadId)
                .setFlowId("batching")
                .setFlowRevision(flows.find("batching").orElseThrow().revision())
                .setSourceId("web")
                .setSubmittedAt(NOW)
                .setFields(Contracts.toAvroFields(Map.of("email",
                        new TypedValue("email", leadId + "@example.com", leadId + "@example.com", true, Map.of()))))
                .build();
    }
}
