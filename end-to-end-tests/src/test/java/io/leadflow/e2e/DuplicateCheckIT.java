package io.leadflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A duplicate stopped by {@code suppression.outbound.is_unique} on Leadflow's own list: the list is created through
 * enhancement-service's lists API, the first lead with an email passes and is delivered, the second with the same
 * email (spelled differently) fails with reason Duplicate before any buyer sees it.
 */
@ExtendWith(Pipeline.Extension.class)
class DuplicateCheckIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMAIL = "dora.dedupe@example.com";

    @Test
    void aSecondLeadWithTheSameEmailFailsAsDuplicate(Pipeline pipeline) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(pipeline.listsUrl() + "/lists"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"E2E Leads\",\"ttl\":\"30d\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("name").asString()).isEqualTo("e2e_leads");

        JsonNode first = submit(pipeline, EMAIL);
        assertThat(first.path("outcome").asString()).as(first.toString()).isEqualTo("success");

        JsonNode second = submit(pipeline, "  Dora.Dedupe@Example.COM ");
        String secondId = second.path("lead").path("id").asString();
        assertThat(second).isEqualTo(JSON.readTree("""
                {"outcome": "failure", "reason": "Duplicate", "lead": {"id": "%s"}, "price": 0}""".formatted(secondId)));

        JsonNode timeline = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> timeline(pipeline, secondId), tree -> tree != null && !tree.path("completion").isNull()
                        && tree.path("completion").isObject());
        JsonNode check = timeline.path("steps").get(0);
        assertThat(check.path("step").asString()).isEqualTo("duplicate-check");
        assertThat(check.path("outcome").asString()).isEqualTo("failure");
        assertThat(check.path("reason").asString()).isEqualTo("Duplicate");
        assertThat(check.path("appended").path("is_unique").path("outcome").asString()).isEqualTo("failure");
        assertThat(check.path("appended").path("query_item").path("found").asBoolean()).isTrue();
        assertThat(timeline.path("deliveries")).isEmpty();
        assertThat(pipeline.buyerRequestsFor("dedupe@example.com")).hasSize(1);

        HttpResponse<String> query = send(HttpRequest.newBuilder(URI.create(pipeline.listsUrl()
                + "/exists/e2e_leads/" + EMAIL)).GET());
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(query.body()).path("exists_in_lists").get(0).asString()).isEqualTo("e2e_leads");
    }

    private static JsonNode submit(Pipeline pipeline, String email) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(pipeline.intakeUrl()
                        + "/flows/dedupe/sources/web/submit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"first_name\":\"Dora\",\"email\":\"" + email + "\"}")));
        return JSON.readTree(answer.body());
    }

    private static JsonNode timeline(Pipeline pipeline, String leadId) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(pipeline.feedbackUrl() + "/leads/"
                + leadId)).GET());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
