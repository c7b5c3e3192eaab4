package io.leadflow.integrations.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.http.ReactorOutboundHttp;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.types.FieldTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salesforce.outbound.create_lead} in a flow, sent by the platform (OAuth 2.0 token cache, Reactor Netty) to a fake
 * Salesforce over real HTTP on 127.0.0.1 that answers as Salesforce's REST API documents: the token endpoint with an
 * {@code instance_url}, sObject create, duplicates, validation errors, an expired session, the request limit, a timeout.
 */
class SalesforceHttpTest {

    private static final String CREATE = "/services/data/v62.0/sobjects/Lead/";
    private static final String TOKEN = "/services/oauth2/token";

    private static final WireMockServer salesforce = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ReactorOutboundHttp http = new ReactorOutboundHttp(true, 4);
    private static final IntegrationCatalog catalog = new IntegrationCatalog(List.of(new SalesforcePackage()),
            new IntegrationSettings(true));
    private static References references;

    @BeforeAll
    static void start(@TempDir Path secrets) throws Exception {
        salesforce.start();
        String key = Base64.getMimeEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded());
        Files.writeString(secrets.resolve("SF_PRIVATE_KEY"),
                "-----BEGIN PRIVATE KEY-----\n" + key + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        Files.writeString(secrets.resolve("SF_CLIENT_SECRET"), "sf-secret");
        Files.writeString(secrets.resolve("SF_REFRESH_TOKEN"), "sf-refresh");
        references = new References(Map.of("SF_LOGIN", salesforce.baseUrl(), "SF_CLIENT_ID", "3MVG9-consumer")::get,
                secrets);
    }

    @AfterAll
    static void stop() {
        http.close();
        salesforce.stop();
    }

    @BeforeEach
    void stubTheTokenEndpoint() {
        salesforce.resetAll();
        salesforce.stubFor(post(TOKEN).willReturn(okJson(token("at-1"))));
    }

    /** The flow: one Salesforce step with the credential named {@code CREDENTIAL} and that {@code TIMEOUT}. */
    private static final String FLOW = """
                id: crm
                sources: [ { id: web } ]
                fields: [ { id: first_name }, { id: last_name }, { id: email, type: email }, { id: phone_1, type: phone } ]
                credentials:
                  sf-client: { type: oauth2_client_credentials, token_url: "${env:SF_LOGIN}/services/oauth2/token",
                               client_id: "${env:SF_CLIENT_ID}", client_secret: "${secret:SF_CLIENT_SECRET}" }
                  sf-jwt: { type: oauth2_jwt_bearer, token_url: "${env:SF_LOGIN}/services/oauth2/token",
                            client_id: "${env:SF_CLIENT_ID}", username: integration@acme.example,
                            private_key: "${secret:SF_PRIVATE_KEY}" }
                  sf-refresh: { type: oauth2_refresh_token, token_url: "${env:SF_LOGIN}/services/oauth2/token",
                                client_id: "${env:SF_CLIENT_ID}", refresh_token: "${secret:SF_REFRESH_TOKEN}" }
                steps:
                  - id: salesforce
                    type: recipient
                    entity: Salesforce
                    integration: salesforce.outbound.create_lead
                    credential: CREDENTIAL
                    timeout: TIMEOUT
                    mappings:
                      field.FirstName: "{{lead.first_name}}"
                      field.LastName: "{{lead.last_name}}"
                      field.Email: "{{lead.email}}"
                      field.Phone: "{{lead.phone_1}}"
                      field.Company: Acme
                      field.LeadSource: Leadflow
                """;

    private static String token(String accessToken) {
        return "{\"access_token\": \"" + accessToken + "\", \"instance_url\": \"" + salesforce.baseUrl() + "\", "
                + "\"id\": \"https://login.salesforce.com/id/00D/005\", \"token_type\": \"Bearer\", "
                + "\"issued_at\": \"1732790000000\", \"signature\": \"c2ln\"}";
    }

    private static StepResult run(String credential) {
        return run(credential, "10s");
    }

    private static StepResult run(String credential, String timeout) {
        Flow withCredential = new FlowLoader(catalog, references).parse("crm.yaml",
                FLOW.replace("CREDENTIAL", credential).replace("TIMEOUT", timeout));
        Lead lead = new Lead("lead-1", "crm", withCredential.revision(), "web", Instant.parse("2026-11-28T10:00:00Z"), Map.of(
                "first_name", FieldTypes.parse("first_name", "Ada"), "last_name", FieldTypes.parse("last_name", "Lovelace"),
                "email", FieldTypes.parse("email", "Ada@Example.com"), "phone_1", FieldTypes.parse("phone", "512-555-0142")));
        return new StepRunner(catalog, http, references, Clock.systemUTC())
                .run(withCredential.steps().get(0), new LeadView(withCredential, lead, List.of())).join();
    }

    private static void created() {
        salesforce.stubFor(post(CREATE).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"00Q5e00000ABCDeEAF\", \"success\": true, \"errors\": []}")));
    }

    private static void refused(int status, String errors) {
        salesforce.stubFor(post(CREATE).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(errors)));
    }

    @Test
    void createsTheLeadWithAClientCredentialsTokenAtTheInstanceUrl() {
        created();

        StepResult result = run("sf-client");

        assertThat(result).extracting(StepResult::outcome, StepResult::reason, StepResult::reference,
                StepResult::appended, StepResult::httpStatus)
                .containsExactly(Outcome.SUCCESS, null, "00Q5e00000ABCDeEAF", Map.of("id", "00Q5e00000ABCDeEAF"), 201);
        salesforce.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withHeader("Authorization", equalTo("Basic M01WRzktY29uc3VtZXI6c2Ytc2VjcmV0"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
        salesforce.verify(postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo("Bearer at-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"FirstName": "Ada", "LastName": "Lovelace", "Email": "ada@example.com", "Phone": "5125550142",
                         "Company": "Acme", "LeadSource": "Leadflow"}""")));
    }

    @Test
    void createsTheLeadWithAJwtBearerToken() {
        created();

        StepResult result = run("sf-jwt");

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        salesforce.verify(postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(matching(
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=[-_A-Za-z0-9]+\\.[-_A-Za-z0-9]+\\.[-_A-Za-z0-9]+")));
    }

    @Test
    void createsTheLeadWithARefreshedToken() {
        created();

        StepResult result = run("sf-refresh");

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        salesforce.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=sf-refresh&client_id=3MVG9-consumer")));
    }

    @Test
    void anExpiredSessionIsRefreshedAndTheLeadSentOnceMore() {
        salesforce.stubFor(post(TOKEN).inScenario("session").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(token("expired"))).willSetStateTo("refreshed"));
        salesforce.stubFor(post(TOKEN).inScenario("session").whenScenarioStateIs("refreshed")
                .willReturn(okJson(token("at-2"))));
        salesforce.stubFor(post(CREATE).withHeader("Authorization", equalTo("Bearer expired")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\": \"Session expired or invalid\", \"errorCode\": \"INVALID_SESSION_ID\"}]")));
        salesforce.stubFor(post(CREATE).withHeader("Authorization", equalTo("Bearer at-2")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"00Q5e00000XYZ\", \"success\": true, \"errors\": []}")));

        StepResult result = run("sf-jwt");

        assertThat(result).extracting(StepResult::outcome, StepResult::reference).containsExactly(Outcome.SUCCESS, "00Q5e00000XYZ");
        salesforce.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        salesforce.verify(2, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aDuplicateIsAFailureWithSalesforcesMessage() {
        refused(400, """
                [{"duplicateResult": {"allowSave": false, "duplicateRule": "Standard_Lead_Duplicate_Rule",
                  "duplicateRuleEntityType": "Lead", "errorMessage": "Use one of these records?", "matchResults": []},
                  "errorCode": "DUPLICATES_DETECTED", "message": "Use one of these records?"}]""");

        StepResult result = run("sf-client");

        assertThat(result).extracting(StepResult::outcome, StepResult::reason, StepResult::appended)
                .containsExactly(Outcome.FAILURE, "Use one of these records? (DUPLICATES_DETECTED)",
                        Map.of("error_code", "DUPLICATES_DETECTED"));
    }

    @Test
    void aValidationRuleIsAFailureWithSalesforcesMessage() {
        refused(400, "[{\"message\": \"Annual revenue must be positive\", "
                + "\"errorCode\": \"FIELD_CUSTOM_VALIDATION_EXCEPTION\", \"fields\": [\"AnnualRevenue\"]}]");

        StepResult result = run("sf-client");

        assertThat(result).extracting(StepResult::outcome, StepResult::reason, StepResult::appended)
                .containsExactly(Outcome.FAILURE, "Annual revenue must be positive (FIELD_CUSTOM_VALIDATION_EXCEPTION)",
                        Map.of("error_code", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "error_fields", List.of("AnnualRevenue")));
    }

    @Test
    void theRequestLimitIsAnErrorSoTheDeliveryIsRetried() {
        refused(403, "[{\"message\": \"TotalRequests Limit exceeded.\", \"errorCode\": \"REQUEST_LIMIT_EXCEEDED\"}]");

        StepResult result = run("sf-client");

        assertThat(result).extracting(StepResult::outcome, StepResult::reason)
                .containsExactly(Outcome.ERROR, "TotalRequests Limit exceeded. (REQUEST_LIMIT_EXCEEDED)");
    }

    @Test
    void aSalesforceThatDoesNotAnswerInTimeIsAnError() {
        salesforce.stubFor(post(CREATE).willReturn(aResponse().withStatus(201).withFixedDelay(5000)
                .withBody("{\"id\": \"00Q-late\", \"success\": true, \"errors\": []}")));

        StepResult result = run("sf-client", "1s");

        assertThat(result).extracting(StepResult::outcome, StepResult::reason, StepResult::reference)
                .containsExactly(Outcome.ERROR, "Timed out after 1 s", null);
    }

    @Test
    void aRefusedTokenRequestIsAnErrorWithoutTheSecret() {
        salesforce.stubFor(post(TOKEN).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"user hasn't approved this consumer\"}")));

        StepResult result = run("sf-jwt");

        assertThat(result).extracting(StepResult::outcome, StepResult::reason)
                .containsExactly(Outcome.ERROR, "Token request of credential sf-jwt failed: HTTP 400 invalid_grant");
        salesforce.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(TOKEN))).get(0).getBodyAsString())
                .doesNotContain("PRIVATE").contains("assertion=");
    }
}
