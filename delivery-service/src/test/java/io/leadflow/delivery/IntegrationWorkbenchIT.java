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
                .containsExactly("custom", "default", "email", "phone", "salesforce", "suppression", "trustedform");
        assertThat(catalog.path("packages").get(0).path("modules").findValuesAsString("id")).containsExactly(
                "custom.outbound.form", "custom.outbound.json", "custom.outbound.query", "custom.outbound.soap",
                "custom.outbound.token_authenticated", "custom.outbound.xml");
        JsonNode standard = catalog.path("packages").get(1).path("modules").get(0);
        assertThat(standard.path("kind").asString()).isEqualTo("request_response");
        assertThat(standard.path("requestVariables").get(0)).isEqualTo(json("""
                {"name": "url", "type": "string", "required": true, "default": null,
                 "description": "The other flow's submit URL"}"""));
        assertThat(catalog.path("packages").get(0).path("modules").get(3).path("kind").asString()).isEqualTo("handle");
        assertThat(catalog.path("packages").get(5).path("modules").findValuesAsString("id")).containsExactlyInAnyOrder(
                "suppression.outbound.query_item", "suppression.outbound.add_item",
                "suppression.outbound.delete_item", "suppression.outbound.is_unique");
    }

    @Test
    void listsThePhoneAndEmailChecksAndValidatesTheirVariables() {
        JsonNode catalog = JSON.readTree(web.get().uri("/api/integrations")
                .header("Authorization", "Bearer " + DeliveryServiceTest.ADMIN_TOKEN)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        JsonNode email = catalog.path("packages").get(2).path("modules");
        JsonNode phone = catalog.path("packages").get(3).path("modules");
        assertThat(email.findValuesAsString("id")).containsExactly("email.outbound.smtp", "email.outbound.verify");
        assertThat(phone.findValuesAsString("id")).containsExactly("phone.outbound.lookup", "phone.outbound.twilio_lookup");
        assertThat(phone.findValuesAsString("kind")).containsExactly("handle", "request_response");
        assertThat(phone.get(0).path("requestVariables").get(0)).isEqualTo(json("""
                {"name": "phone", "type": "phone", "required": true, "default": null,
                 "description": "The phone number to check"}"""));
        assertThat(email.get(1).path("responseVariables").findValuesAsString("name")).startsWith("deliverable");
        assertThat(post("/api/integrations/email.outbound.verify/validate", "{\"vars\": {}}", 200))
                .isEqualTo(json("{\"error\": \"Email is required\"}"));
        assertThat(post("/api/integrations/email.outbound.smtp/validate",
                "{\"vars\": {\"to\": \"sales@buyer.example\", \"from\": \"leads@leadflow.example\"}}", 200))
                .isEqualTo(json("{\"error\": \"SMTP server is required: give the step a credential of type smtp\"}"));
        assertThat(post("/api/integrations/phone.outbound.twilio_lookup/request",
                "{\"vars\": {\"phone\": {\"$type\": \"phone\", \"raw\": \"+44 7400 123456\"}}}", 200).path("url")
                .asString()).isEqualTo(
                        "https://lookups.twilio.com/v2/PhoneNumbers/%2B447400123456?Fields=line_type_intelligence");
    }

    @Test
    void listsTheTrustedFormAndSalesforceModulesAndShowsTheirRequests() {
        JsonNode catalog = JSON.readTree(web.get().uri("/api/integrations")
                .header("Authorization", "Bearer " + DeliveryServiceTest.ADMIN_TOKEN)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        JsonNode salesforce = catalog.path("packages").get(4).path("modules").get(0);
        JsonNode trustedForm = catalog.path("packages").get(6).path("modules");

        assertThat(salesforce.path("id").asString()).isEqualTo("salesforce.outbound.create_lead");
        assertThat(salesforce.path("requestVariables").findValuesAsString("name"))
                .containsExactly("sobject", "field.*", "api_version");
        assertThat(salesforce.path("responseVariables").findValuesAsString("name"))
                .containsExactly("outcome", "reason", "reference", "id", "error_code", "error_fields");
        assertThat(trustedForm.findValuesAsString("id"))
                .containsExactly("trustedform.outbound.insights", "trustedform.outbound.trustedform");
        assertThat(trustedForm.get(1).path("requestVariables").findValuesAsString("name"))
                .contains("lead.trustedform_cert_url", "trustedform.retain", "trustedform.verify", "insights.bot_detected",
                        "insights.page_scan", "trustedform.api_key");
        assertThat(trustedForm.get(1).path("responseVariables").findValuesAsString("name"))
                .contains("outcome", "share_url", "scans_result", "amount_required_matched", "one_to_one", "verify.*");
        assertThat(post("/api/integrations/salesforce.outbound.create_lead/request",
                "{\"vars\": {\"field\": {\"LastName\": \"Lovelace\"}}}", 200)).isEqualTo(json("""
                {"method": "POST", "url": "/services/data/v62.0/sobjects/Lead/",
                 "headers": {"Content-Type": "application/json", "Accept": "application/json"},
                 "body": "{\\"LastName\\":\\"Lovelace\\"}", "followRedirects": false}"""));
        assertThat(post("/api/integrations/trustedform.outbound.trustedform/validate",
                "{\"vars\": {\"lead\": {\"trustedform_cert_url\": \"https://cert.trustedform.com/abc\"}}}", 200))
                .isEqualTo(json("{\"error\": \"TrustedForm cert URL must be valid\"}"));
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
