package io.leadflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadflow.localstack.DeadLetterCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline as a user sees it: leads posted over HTTP to intake, enhanced by a data service, filtered, delivered to
 * a buyer over HTTP, completed; feedback matched once; the timeline of each lead.
 */
@ExtendWith(Pipeline.Extension.class)
class PipelineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> VOLATILE = Set.of("submittedAt", "startedAt", "durationMs", "at");

    @Test
    void anAsyncLeadIsAnsweredAtOnceAndReachesTheBuyerWithTheMappedBody(Pipeline pipeline) throws Exception {
        Answer answer = submit(pipeline, "partner",
                "{\"first_name\":\"Ada\",\"email\":\"ada.async@example.com\",\"phone_1\":\"(512) 555-0142\"}");

        assertThat(answer.status()).isEqualTo(201);
        String leadId = answer.leadId();
        assertThat(answer.body()).isEqualTo(json("{\"outcome\":\"success\",\"lead\":{\"id\":\"" + leadId + "\"},\"price\":0}"));
        LoggedRequest delivered = await().atMost(PATIENCE)
                .until(() -> pipeline.buyerRequestsFor("ada.async@example.com"), requests -> requests.size() == 1).get(0);
        assertThat(json(delivered.getBodyAsString())).isEqualTo(json("""
                {"name":"Ada","contact":{"email":"ada.async@example.com","phone":"5125550142"},"line":"mobile"}"""));
        assertThat(delivered.getHeader("Idempotency-Key")).isEqualTo(leadId + ":buyer-abc");
        assertThat(delivered.getHeader("X-Api-Key")).isEqualTo(Pipeline.BUYER_API_KEY);
        // WireMock's Jetty reports the charset name upper-cased; on the wire it is the module's "utf-8".
        assertThat(delivered.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
    }

    @Test
    void aSyncLeadIsAnsweredWithItsOutcomeOnceDelivered(Pipeline pipeline) throws Exception {
        Answer answer = submit(pipeline, "web",
                "{\"first_name\":\"Grace\",\"email\":\"grace.sync@example.com\",\"phone_1\":\"512-555-0143\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo(json("{\"outcome\":\"success\",\"lead\":{\"id\":\"" + answer.leadId()
                + "\"},\"price\":0}"));
        assertThat(pipeline.buyerRequestsFor("grace.sync@example.com")).hasSize(1);
    }

    @Test
    void aFilterStopsALandlineBeforeAnyBuyerSeesIt(Pipeline pipeline) throws Exception {
        Answer answer = submit(pipeline, "web",
                "{\"first_name\":\"Lin\",\"email\":\"lin.landline@example.com\",\"phone_1\":\"512-555-0100\"}");

        assertThat(answer.body()).isEqualTo(json("{\"outcome\":\"failure\",\"reason\":\"Landline\",\"lead\":{\"id\":\""
                + answer.leadId() + "\"},\"price\":0}"));
        assertThat(pipeline.buyerRequestsFor("lin.landline@example.com")).isEmpty();
        JsonNode timeline = timeline(pipeline, answer.leadId(), tree -> !tree.path("completion").isNull());
        assertThat(stable(timeline.path("steps"))).isEqualTo(json("""
                [{"step":"phone-check","type":"enhancement","entity":"Phone Check","integration":"custom.outbound.json",
                  "outcome":"success","reason":null,"price":0.0,"reference":null,
                  "appended":{"line_type":"fixed_line"}},
                 {"step":"no-landlines","type":"filter","entity":null,"integration":null,"outcome":"failure",
                  "reason":"Landline","price":null,"reference":null,"appended":{}}]"""));
        assertThat(timeline.path("deliveries")).isEqualTo(json("[]"));
        assertThat(stable(timeline.path("completion"))).isEqualTo(json(
                "{\"outcome\":\"failure\",\"reason\":\"Landline\",\"price\":0.0}"));
    }

    @Test
    void aBuyerAnswering500IsAnErrorOfThatDelivery(Pipeline pipeline) throws Exception {
        Answer answer = submit(pipeline, "web",
                "{\"first_name\":\"Fay\",\"email\":\"fay.fail@example.com\",\"phone_1\":\"512-555-0144\"}");

        assertThat(answer.body()).isEqualTo(json("{\"outcome\":\"success\",\"lead\":{\"id\":\"" + answer.leadId()
                + "\"},\"price\":0}"));
        JsonNode timeline = timeline(pipeline, answer.leadId(), tree -> tree.path("deliveries").size() == 4);
        assertThat(stable(timeline.path("deliveries")).get(0)).isEqualTo(json("""
                {"step":"buyer-abc","entity":"Buyer ABC","attempt":1,"outcome":"error","reason":"Server error",
                  "price":null,"reference":null,"httpStatus":500,"idempotencyKey":"%s:buyer-abc"}"""
                .formatted(answer.leadId())));
        assertThat(timeline.path("deliveries").findValuesAsString("outcome")).containsExactly("error", "error",
                "error", "error");
    }

    @Test
    void aBuyerAnswering500TwiceThen200ShowsThreeAttemptsAndTheFinalSuccessInTheTimeline(Pipeline pipeline)
            throws Exception {
        Answer answer = submit(pipeline, "web",
                "{\"first_name\":\"Flo\",\"email\":\"flo.flaky@example.com\",\"phone_1\":\"512-555-0147\"}");

        assertThat(answer.body()).as("the source is told the first pass").isEqualTo(json("{\"outcome\":\"success\","
                + "\"lead\":{\"id\":\"" + answer.leadId() + "\"},\"price\":0}"));
        JsonNode timeline = timeline(pipeline, answer.leadId(), tree -> tree.path("deliveries").size() == 3);
        assertThat(stable(timeline.path("deliveries"))).isEqualTo(json("""
                [{"step":"buyer-abc","entity":"Buyer ABC","attempt":1,"outcome":"error","reason":"Server error",
                  "price":null,"reference":null,"httpStatus":500,"idempotencyKey":"%1$s:buyer-abc"},
                 {"step":"buyer-abc","entity":"Buyer ABC","attempt":2,"outcome":"error","reason":"Server error",
                  "price":null,"reference":null,"httpStatus":500,"idempotencyKey":"%1$s:buyer-abc"},
                 {"step":"buyer-abc","entity":"Buyer ABC","attempt":3,"outcome":"success","reason":null,
                  "price":12.5,"reference":"abc-778","httpStatus":200,"idempotencyKey":"%1$s:buyer-abc"}]"""
                .formatted(answer.leadId())));
        assertThat(timeline.path("steps").get(2).path("outcome").asString())
                .as("the step's current state").isEqualTo("success");
        assertThat(pipeline.buyerRequestsFor("flo.flaky@example.com")).extracting(
                request -> request.getHeader("Idempotency-Key")).containsExactly(answer.leadId() + ":buyer-abc",
                answer.leadId() + ":buyer-abc", answer.leadId() + ":buyer-abc");
    }

    @Test
    void anExhaustedDeliveryIsListedByDlqAndDeliveredOnceByReplayEvenWhenReplayRunsTwice(Pipeline pipeline)
            throws Exception {
        String email = "pat.parked.fail@example.com";
        Answer answer = submit(pipeline, "web", "{\"first_name\":\"Pat\",\"email\":\"" + email
                + "\",\"phone_1\":\"512-555-0148\"}");
        String leadId = answer.leadId();
        String key = leadId + ":buyer-abc";

        String listed = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> dlq(pipeline, "list", "--lead", leadId), output -> output.contains("1 dead letter."));
        assertThat(listed.lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0).split(" +")).containsExactly("when", "lead", "flow", "step", "attempts",
                    "replayed", "reason");
            assertThat(lines.get(1)).matches("\\S+Z +" + leadId + " +e2e +buyer-abc +4 no +"
                    + "Retries exhausted after 4 attempts: Server error");
        });
        pipeline.buyerAccepts(email);
        String dryRun = dlq(pipeline, "replay", "--lead", leadId, "--reason", "retries_exhausted", "--dry-run");
        String firstReplay = dlq(pipeline, "replay", "--lead", leadId);
        String secondReplay = dlq(pipeline, "replay", "--lead", leadId);

        assertThat(List.of(dryRun, firstReplay, secondReplay)).containsExactly(
                "Would replay 1 of 1 matching dead letters (0 replayed before, 0 cannot be replayed).\n",
                "Replayed 1 of 1 matching dead letters (0 replayed before, 0 cannot be replayed).\n",
                "Replayed 0 of 1 matching dead letters (1 replayed before, 0 cannot be replayed).\n");
        JsonNode timeline = timeline(pipeline, leadId, tree -> tree.path("deliveries").size() == 5);
        assertThat(timeline.path("deliveries").findValuesAsString("outcome"))
                .containsExactly("error", "error", "error", "error", "success");
        assertThat(timeline.path("deliveries").get(4).path("attempt").asInt()).isEqualTo(5);
        assertThat(timeline.path("steps").get(2).path("outcome").asString()).as("the step's current state")
                .isEqualTo("success");
        assertThat(pipeline.buyerRequestsFor(email)).extracting(request -> request.getHeader("Idempotency-Key"))
                .containsExactly(key, key, key, key, key);
        assertThat(dlq(pipeline, "list", "--lead", leadId)).isEqualTo("No dead letters match.\n");
        assertThat(dlq(pipeline, "list", "--lead", leadId, "--all")).contains(" 4 yes ");
        assertThat(pipeline.buyerRequestsFor(email)).as("nothing delivered twice").hasSize(5);
    }

    @Test
    void aSubmissionWithoutARequiredFieldFailsAtOnceAndStillCompletes(Pipeline pipeline) throws Exception {
        Answer answer = submit(pipeline, "web", "{\"first_name\":\"Nemo\",\"phone_1\":\"512-555-0145\"}");

        assertThat(answer.body()).isEqualTo(json("{\"outcome\":\"failure\",\"reason\":\"email is required\","
                + "\"lead\":{\"id\":\"" + answer.leadId() + "\"},\"price\":0}"));
        JsonNode timeline = timeline(pipeline, answer.leadId(), tree -> !tree.path("completion").isNull());
        assertThat(stable(timeline.path("completion"))).isEqualTo(json(
                "{\"outcome\":\"failure\",\"reason\":\"email is required\",\"price\":0.0}"));
        assertThat(timeline.path("steps")).isEqualTo(json("[]"));
    }

    @Test
    void feedbackIsMatchedToTheLeadOnceAndShowsInItsTimeline(Pipeline pipeline) throws Exception {
        Answer lead = submit(pipeline, "web",
                "{\"first_name\":\"Rita\",\"email\":\"rita.return@example.com\",\"phone_1\":\"512-555-0146\"}");
        String leadId = lead.leadId();
        timeline(pipeline, leadId, tree -> tree.path("deliveries").size() == 1);
        String returnBody = "{\"lead_id\":\"" + leadId + "\",\"type\":\"return\",\"reason\":\"Wrong number\"}";

        Answer noKey = feedback(pipeline, returnBody, null);
        Answer returned = feedback(pipeline, returnBody, Pipeline.BUYER_FEEDBACK_KEY);
        Answer again = feedback(pipeline, returnBody, Pipeline.BUYER_FEEDBACK_KEY);
        Answer converted = feedback(pipeline, "{\"lead_id\":\"" + leadId + "\",\"type\":\"conversion\"}",
                Pipeline.BUYER_FEEDBACK_KEY);
        Answer unknown = feedback(pipeline, "{\"lead_id\":\"000000000000000000000000\",\"type\":\"return\"}",
                Pipeline.BUYER_FEEDBACK_KEY);

        assertThat(noKey.status()).isEqualTo(401);
        assertThat(returned.status()).isEqualTo(201);
        String feedbackId = returned.body().path("feedback").path("id").asString();
        assertThat(returned.body()).isEqualTo(json("""
                {"outcome":"success","feedback":{"id":"%s","type":"return"},"lead":{"id":"%s"},"entity":"Buyer ABC"}"""
                .formatted(feedbackId, leadId)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).isEqualTo(json("{\"outcome\":\"failure\",\"reason\":\"Lead " + leadId
                + " was already returned by Buyer ABC\",\"lead\":{\"id\":\"" + leadId + "\"}}"));
        assertThat(converted.status()).isEqualTo(201);
        assertThat(unknown.status()).isEqualTo(404);

        JsonNode timeline = timeline(pipeline, leadId, tree -> tree.path("feedback").size() == 4);
        assertThat(timeline.path("lead").path("id").asString()).isEqualTo(leadId);
        assertThat(timeline.path("lead").path("flowRevision").asString()).matches("[0-9a-f]{12}");
        assertThat(timeline.path("feedback").findValuesAsString("id")).hasSize(4).allMatch(id -> id.matches("[0-9a-f-]{36}"));
        assertThat(withoutIds(stable(timeline))).isEqualTo(json("""
                {"lead":{"flow":"e2e","source":"web",
                  "fields":{"first_name":{"type":"first_name","raw":"Rita","normal":"Rita","valid":true,"components":{}},
                            "email":{"type":"email","raw":"rita.return@example.com","normal":"rita.return@example.com",
                                     "valid":true,"components":{"user":"rita.return","domain":"example.com",
                                     "host":"example","tld":"com","is_free":false,"is_disposable":false}},
                            "phone_1":{"type":"phone","raw":"512-555-0146","normal":"5125550146","valid":true,
                                       "components":{"area":"512","exchange":"555","line":"0146","number":"5550146",
                                       "extension":null,"country_code":"US","country_calling_code":1,"type":null,
                                       "is_tollfree":false}}}},
                 "steps":[
                   {"step":"phone-check","type":"enhancement","entity":"Phone Check","integration":"custom.outbound.json",
                    "outcome":"success","reason":null,"price":0.0,"reference":null,
                    "appended":{"line_type":"mobile","carrier":"Demo Mobile"}},
                   {"step":"no-landlines","type":"filter","entity":null,"integration":null,"outcome":"success",
                    "reason":null,"price":null,"reference":null,"appended":{}},
                   {"step":"buyer-abc","type":"recipient","entity":"Buyer ABC","integration":"custom.outbound.json",
                    "outcome":"success","reason":null,"price":12.5,"reference":"abc-778",
                    "appended":{"status":"accepted","id":"abc-778","price":"12.50"}}],
                 "deliveries":[{"step":"buyer-abc","entity":"Buyer ABC","attempt":1,"outcome":"success","reason":null,
                   "price":12.5,"reference":"abc-778","httpStatus":200,"idempotencyKey":"%s:buyer-abc"}],
                 "completion":{"outcome":"success","reason":null,"price":0.0},
                 "feedback":[
                   {"type":"return","reason":"Wrong number","result":"feedback_key_required","entity":null},
                   {"type":"return","reason":"Wrong number","result":"matched","entity":"Buyer ABC"},
                   {"type":"return","reason":"Wrong number","result":"duplicate_return","entity":"Buyer ABC"},
                   {"type":"conversion","reason":null,"result":"matched","entity":"Buyer ABC"}]}""".formatted(leadId)));
    }

    private record Answer(int status, JsonNode body) {
        String leadId() {
            return body.path("lead").path("id").asString();
        }
    }

    /** What {@code ./leadflow dlq ...} prints against this pipeline's delivery-service. */
    private static String dlq(Pipeline pipeline, String... arguments) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new DeadLetterCommand(URI.create(pipeline.deliveryUrl()), Pipeline.ADMIN_TOKEN,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(List.of(arguments), Instant.now());
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        return output;
    }

    private static Answer submit(Pipeline pipeline, String source, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(pipeline.intakeUrl() + "/flows/e2e/sources/" + source + "/submit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer feedback(Pipeline pipeline, String body, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pipeline.feedbackUrl() + "/feedback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-Feedback-Key", key);
        }
        return send(request);
    }

    private static JsonNode timeline(Pipeline pipeline, String leadId, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Answer answer = send(HttpRequest.newBuilder(URI.create(pipeline.feedbackUrl() + "/leads/" + leadId)).GET());
            return answer.status() == 200 ? answer.body() : null;
        }, tree -> tree != null && ready.test(tree));
    }

    private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** The timeline without the lead's id, its flow revision and the feedback ids (each asserted on its own). */
    private static JsonNode withoutIds(JsonNode timeline) {
        JsonNode copy = timeline.deepCopy();
        ((ObjectNode) copy.path("lead")).remove(Set.of("id", "flowRevision"));
        copy.path("feedback").values().forEach(feedback -> ((ObjectNode) feedback).remove("id"));
        return copy;
    }

    /** The tree without what changes from run to run: timestamps and durations. */
    private static JsonNode stable(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(VOLATILE);
        }
        Iterator<JsonNode> children = node.values().iterator();
        children.forEachRemaining(PipelineIT::strip);
    }
}
