package io.leadflow.intake;

import static io.leadflow.intake.inbound.InboundExamples.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.intake.inbound.InboundExamples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The workbench API answers LeadConduit's inbound examples and parses field types, behind the admin token. */
@IntakeServiceContext
class WorkbenchIT {

    @Autowired
    private WebTestClient http;

    static Stream<Arguments> requests() {
        return InboundExamples.of("inbound.request");
    }

    static Stream<Arguments> responses() {
        return InboundExamples.of("inbound.response");
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("requests")
    void parsesRequestsAsLeadConduit(JsonNode example) {
        JsonNode expected = example.get("expected");

        JsonNode parsed = call("/api/inbound/parse", example.get("input").get("req").toString(), 200);

        if (expected.has("lead")) {
            assertThat(parsed).isEqualTo(JSON.readTree("{\"lead\":" + expected.get("lead") + "}"));
        } else {
            JsonNode error = expected.get("http_error");
            String prefix = error.has("body_prefix") ? error.get("body_prefix").asString() : null;
            assertThat(parsed.get("http_error").get("body").asString())
                    .startsWith(prefix != null ? prefix : error.get("body").asString());
            assertThat(withoutBodyIf(parsed.get("http_error"), prefix != null))
                    .isEqualTo(withoutBodyIf(InboundExamples.answer(error), prefix != null));
        }
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("responses")
    void answersAsLeadConduit(JsonNode example) {
        JsonNode input = example.get("input");
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("request", input.get("req"));
        call.put("vars", input.get("vars"));
        call.put("fields", input.get("fieldIds"));

        JsonNode answer = call("/api/inbound/respond", JSON.writeValueAsString(call), 200);

        assertThat(answer).isEqualTo(InboundExamples.answer(example.get("expected")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            phone | "512-789-1111 x123" | {"normal":"5127891111x123","raw":"512-789-1111 x123","valid":true,"area":"512","exchange":"789","line":"1111","number":"7891111","extension":"123","country_code":"US","country_calling_code":1,"type":null,"is_tollfree":false}
            email | "Ada@Gmail.com"     | {"normal":"ada@gmail.com","raw":"Ada@Gmail.com","valid":true,"user":"Ada","domain":"Gmail.com","host":"Gmail","tld":"com","is_free":true,"is_disposable":false}
            ssn   | "123-45-6789"       | {"normal":"123456789","raw":"123-45-6789","valid":true,"masked":false,"first_three":"123","middle_two":"45","last_four":"6789"}
            credential | "hunter2"      | {"normal":"hunter2","valid":true,"masked":false}
            number | "$1,100 per month" | {"normal":1100,"raw":"$1,100 per month","valid":true}
            boolean | {"a":1}           | {"normal":false,"raw":"[object Object]","valid":false}
            """)
    void parsesValuesWithAFieldType(String type, String value, String parsed) {
        assertThat(call("/api/types/" + type + "/parse", "{\"value\":" + value + "}", 200))
                .isEqualTo(JSON.readTree(parsed));
    }

    @Test
    void anUnknownTypeIsNotFound() {
        assertThat(call("/api/types/phonenumber/parse", "{\"value\":\"1\"}", 404).get("error").asString())
                .startsWith("Unknown field type 'phonenumber' (known: boolean, city, credential,");
    }

    @Test
    void validatesItsOwnRequestsAsLeadConduitsValidateRequestDoes() {
        EntityExchangeResult<String> noType = http.post().uri("/api/inbound/parse").headers(this::admin)
                .exchange().expectBody(String.class).returnResult();
        EntityExchangeResult<String> get = http.get().uri("/api/inbound/parse").headers(this::admin)
                .exchange().expectBody(String.class).returnResult();

        assertThat(List.of(noType.getStatus().value(), get.getStatus().value())).isEqualTo(List.of(415, 415));
        assertThat(noType.getResponseBody()).isEqualTo("Content-Type header is required");
        assertThat(get.getResponseBody()).isEqualTo("The GET method is not allowed");
        assertThat(get.getResponseHeaders().getFirst("Allow")).isEqualTo("POST");
    }

    @Test
    void needsTheAdminTokenWhenOneIsConfigured() {
        for (String authorization : new String[] {null, "Bearer wrong-token", "Basic " + IntakeServiceContext.ADMIN_TOKEN}) {
            WebTestClient.RequestBodySpec request = http.post().uri("/api/types/phone/parse")
                    .contentType(MediaType.APPLICATION_JSON);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.bodyValue("{\"value\":\"5127891111\"}").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    void describesItselfInOpenApi() {
        JsonNode description = JSON.readTree(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(description.get("openapi").asString()).startsWith("3.");
        assertThat(description.get("paths").propertyNames()).contains("/api/types/{type}/parse",
                "/api/inbound/parse", "/api/inbound/respond", "/flows/{flow}/sources/{source}/submit",
                "/flows/{flow}/sources/{source}/ping");
    }

    private JsonNode call(String path, String body, int status) {
        String answer = http.post().uri(path).headers(this::admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    private void admin(org.springframework.http.HttpHeaders headers) {
        headers.setBearerAuth(IntakeServiceContext.ADMIN_TOKEN);
    }

    private static JsonNode withoutBodyIf(JsonNode answer, boolean drop) {
        Map<String, Object> copy = JSON.treeToValue(answer, LinkedHashMap.class);
        if (drop) {
            copy.remove("body");
        }
        return JSON.valueToTree(copy);
    }
}
