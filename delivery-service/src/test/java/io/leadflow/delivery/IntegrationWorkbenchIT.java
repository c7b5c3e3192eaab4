package io.leadflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The integration workbench API as a user calls it: nothing is sent, references are shown, the admin token holds. */
@DeliveryServiceTest
class IntegrationWorkbenchIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private WebTestClient web;
    @Autowired
    private WireMockServer buyers;

    @Test
    void showsTheRequestAModuleWouldSendWithReferencesAsWritten() {
        JsonNode request = post("/api/integrations/custom.outbound.json/request", """
                {"vars": {"url": "https://buyer.example/leads", "header": {"X-Api-Key": "${secret:BUYER_KEY}"},
                          "json_property": {"phone": {"$type": "phone", "raw": "512-789-1111 x123"}, "n": 2}}}""", 200);

        assertThat(request).isEqualTo(json("""
                {"method": "POST", "url": "https://buyer.example/leads",
                 "headers": {"Content-Type": "application/json; charset=utf-8",
                             "Accept": "application/json;q=0.9,text/xml;q=0.8,application/xml;q=0.7,text/html;q=0.6,text/plain;q=0.5",
                             "X-Api-Key": "${secret:BUYER_KEY}"},
                 "body": "{\\"phone\\":\\"5127891111x123\\",\\"n\\":2}", "followRedirects": false}"""));
        assertThat(buyers.getAllServeEvents()).noneMatch(event -> event.getRequest().getUrl().contains("leads?"));
    }

    @Test
    void givesTheEventAModuleMakesOfAResponseFlat() {
        JsonNode event = post("/api/integrations/custom.outbound.json/response", """
                {"vars": {"outcome_search_term": "accepted", "price_path": "price", "reference_path": "id"},
                 "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                              "body": "{\\"status\\":\\"accepted\\",\\"id\\":\\"A-1\\",\\"price\\":1.5}"}}""", 200);

        assertThat(event).isEqualTo(json("""
                {"status": "accepted", "id": "A-1", "price": "1.5", "outcome": "success", "reference": "A-1"}"""));
    }

    @Test
    void validatesVariables() {
        assertThat(post("/api/integrations/default.outbound.standard/validate",
                "{\"vars\": {\"url\": \"http://x.com\", \"method\": \"put\"}}", 200))
                .isEqualTo(json("{\"error\": \"Unsupported HTTP method - use GET or POST\"}"));
        assertThat(post("/api/integrations/custom.outbound.soap/validate",
                "{\"vars\": {\"url\": \"http://foo.com\", \"function\": \"AddLead\"}}", 200)).isEqualTo(json("{}"));
    }

    @Test
    void listsEveryPackageWithItsModulesAndTheirVariables() {
        JsonNode catalog = JSON.readTree(web.get().uri("/api/integrations")
                .header("Authorization", "Bearer " + DeliveryServiceTest.ADMIN_TOKEN)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(catalog.path("packages").values()).extracting(pkg -> pkg.path("name").asString())
                .containsExactly("custom", "default", "suppression");
        assertThat(catalog.path("packages").get(0).path("modules").findValuesAsString("id")).containsExactly(
                "custom.outbound.form", "custom.outbound.json", "custom.outbound.query", "custom.outbound.soap",
                "custom.outbound.token_authenticated", "custom.outbound.xml");
        JsonNode standard = catalog.path("packages").get(1).path("modules").get(0);
        assertThat(standard.path("kind").asString()).isEqualTo("request_response");
        assertThat(standard.path("requestVariables").get(0)).isEqualTo(json("""
                {"name": "url", "type": "string", "required": true, "default": null,
                 "description": "The other flow's submit URL"}"""));
        assertThat(catalog.path("packages").get(0).path("modules").get(3).path("kind").asString()).isEqualTo("handle");
        assertThat(catalog.path("packages").get(2).path("modules").findValuesAsString("id")).containsExactlyInAnyOrder(
                "suppression.outbound.query_item", "suppression.outbound.add_item",
                "suppression.outbound.delete_item", "suppression.outbound.is_unique");
    }

    @Test
    void refusesUnknownModulesOwnIoModulesAndCallersWithoutTheAdminToken() {
        assertThat(post("/api/integrations/custom.outbound.nope/validate", "{\"vars\": {}}", 404))
                .isEqualTo(json("{\"error\": \"Unknown integration custom.outbound.nope\"}"));
        assertThat(post("/api/integrations/custom.outbound.soap/request", "{\"vars\": {}}", 400).path("error").asString())
                .startsWith("custom.outbound.soap does its own I/O");
        web.post().uri("/api/integrations/custom.outbound.json/validate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"vars\": {}}").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/integrations").header("Authorization", "Bearer wrong").exchange()
                .expectStatus().isUnauthorized();
    }

    private JsonNode post(String path, String body, int status) {
        String answer = web.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + DeliveryServiceTest.ADMIN_TOKEN)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
