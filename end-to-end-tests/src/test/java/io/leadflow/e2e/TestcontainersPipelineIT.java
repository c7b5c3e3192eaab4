package io.leadflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline on the official {@code apache/kafka} image instead of the embedded broker: where Docker runs, a lead
 * goes in and its completion shows in the timeline. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPipelineIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Test
    void aLeadIsCompletedOnTheApacheKafkaImage() throws Exception {
        Path state = Files.createTempDirectory("leadflow-tc");
        try (LeadflowStack stack = LeadflowStack.start(KAFKA.getBootstrapServers(), Pipeline.flowsDir(), state, Map.of(
                "E2E_PARTNER_URL", "http://127.0.0.1:9", "E2E_BUYER_API_KEY", "k", "E2E_BUYER_FEEDBACK_KEY", "f"),
                "tc-admin-token")) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(
                            URI.create(stack.intakeUrl() + "/flows/e2e/sources/partner/submit"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"tc@example.com\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).isEqualTo(201);
            String leadId = submitted.body().replaceAll(".*\"id\":\"([0-9a-f]+)\".*", "$1");

            String timeline = await().atMost(Duration.ofSeconds(90)).until(() -> http.send(
                    HttpRequest.newBuilder(URI.create(stack.feedbackUrl() + "/leads/" + leadId)).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("\"completion\":{"));
            assertThat(timeline).contains("\"outcome\":\"success\"");
        } finally {
            Pipeline.deleteRecursively(state);
        }
    }
}
