package io.leadflow.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One lead delivered by every outbound module (JSON, form, GET, XML, SOAP, flow-to-flow) with every authentication
 * method (basic, bearer, API key in a header and in the query, custom headers, OAuth 2.0 client credentials against a
 * fake token endpoint, a refresh-token credential whose first token the buyer refuses with 401, and LeadConduit's
 * token-authenticated JSON renewing a refused token at its authentication URL).
 */
@ExtendWith(Pipeline.Extension.class)
class IntegrationsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = Pipeline.CREDENTIAL_SECRETS.get("E2E_BUYER_TOKEN");
    private static final String EMAIL = "ivy.integrations@example.com";

    @Test
    void deliversWithEveryModuleAndEveryAuthenticationMethod(Pipeline pipeline) throws Exception {
        WireMockServer partners = pipeline.partners();
        stubBuyers(partners);
        stubTokenAuthenticatedCrm(partners);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.intakeUrl()
                        + "/flows/integrations/sources/web/submit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"first_name\":\"Ivy\",\"email\":\"" + EMAIL + "\"}"))
                .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
        String leadId = JSON.readTree(answer.body()).path("lead").path("id").asString();

        JsonNode timeline = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(
                () -> timeline(pipeline, leadId), tree -> tree != null && tree.path("deliveries").size() == 8);
        assertThat(timeline.path("deliveries").findValuesAsString("step")).containsExactly("json-basic",
                "form-bearer", "query-header-key", "xml-query-key", "soap-signed", "standard-oauth", "json-refresh",
                "token-json");
        assertThat(timeline.path("deliveries").findValuesAsString("outcome")).as(timeline.toString())
                .containsOnly("success");
        assertThat(timeline.path("deliveries").findValues("price")).extracting(JsonNode::asDouble)
                .containsExactly(0.0, 0.0, 0.0, 0.0, 3.0, 2.5, 0.0, 0.0);

        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("buyer:" + Pipeline.CREDENTIAL_SECRETS.get("E2E_BUYER_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        assertThat(one(partners, postRequestedFor(urlEqualTo("/modules/json"))).getHeader("Authorization"))
                .isEqualTo(basic);
        LoggedRequest form = one(partners, postRequestedFor(urlEqualTo("/modules/form")));
        assertThat(form.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(form.getBodyAsString()).isEqualTo("email=ivy.integrations%40example.com");
        LoggedRequest query = one(partners, getRequestedFor(urlPathEqualTo("/modules/query")));
        assertThat(query.getHeader("X-Api-Key")).isEqualTo(TOKEN);
        assertThat(query.getUrl()).isEqualTo("/modules/query?email=ivy.integrations%40example.com");
        LoggedRequest xml = one(partners, postRequestedFor(urlPathEqualTo("/modules/xml")));
        assertThat(xml.getUrl()).isEqualTo("/modules/xml?api_key=" + TOKEN);
        assertThat(xml.getBodyAsString()).isEqualTo(
                "<?xml version=\"1.0\"?>\n<lead>\n  <email>ivy.integrations@example.com</email>\n</lead>");
        assertThat(one(partners, getRequestedFor(urlEqualTo("/modules/soap?WSDL"))).getHeader("X-Signature"))
                .isEqualTo(TOKEN);
        LoggedRequest soap = one(partners, postRequestedFor(urlEqualTo("/modules/soap")));
        assertThat(soap.getHeader("X-Signature")).isEqualTo(TOKEN);
        assertThat(soap.getHeader("SOAPAction")).isEqualTo("\"urn:leads/AddLead\"");
        assertThat(soap.getBodyAsString()).contains("<AddLead xmlns=\"urn:leads\"><Lead><Email>" + EMAIL
                + "</Email></Lead></AddLead>");
        LoggedRequest standard = one(partners, postRequestedFor(urlEqualTo("/modules/standard")));
        assertThat(standard.getHeader("Authorization")).isEqualTo("Bearer client-token");
        assertThat(standard.getBodyAsString())
                .isEqualTo("first_name=Ivy&email=ivy.integrations%40example.com&price=0");
        assertThat(partners.findAll(postRequestedFor(urlEqualTo("/auth/refresh"))))
                .extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer revoked-token", "Bearer fresh-token");
        assertThat(partners.findAll(postRequestedFor(urlEqualTo("/auth/token-json"))))
                .extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer " + TOKEN, "Bearer renewed-token");
        assertThat(one(partners, postRequestedFor(urlEqualTo("/auth/login"))).getBodyAsString())
                .isEqualTo("{\"scope\":\"leads\"}");
        assertThat(partners.findAll(postRequestedFor(urlEqualTo("/oauth/token"))))
                .extracting(LoggedRequest::getBodyAsString).containsExactly(
                        "grant_type=client_credentials",
                        "grant_type=refresh_token&refresh_token=refresh-0&client_id=leadflow-e2e",
                        "grant_type=refresh_token&refresh_token=refresh-1&client_id=leadflow-e2e");
    }

    private static void stubBuyers(WireMockServer partners) {
        String accepted = "{\"status\":\"accepted\"}";
        partners.stubFor(post("/modules/json").withHeader("Authorization", containing("Basic"))
                .willReturn(okJson(accepted)));
        partners.stubFor(post("/modules/form").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(accepted)));
        partners.stubFor(get(urlPathEqualTo("/modules/query")).withHeader("X-Api-Key", equalTo(TOKEN))
                .willReturn(okJson(accepted)));
        partners.stubFor(post(urlPathEqualTo("/modules/xml")).withQueryParam("api_key", equalTo(TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml")
                        .withBody("<result><status>accepted</status></result>")));
        partners.stubFor(get("/modules/soap?WSDL").withHeader("X-Signature", equalTo(TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml")
                        .withBody(wsdl(partners.baseUrl() + "/modules/soap"))));
        partners.stubFor(post("/modules/soap").withHeader("X-Signature", equalTo(TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=utf-8").withBody("""
                        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
                        <AddLeadResponse xmlns="urn:leads"><AddLeadResult><Status>accepted</Status><Price>3</Price>
                        </AddLeadResult></AddLeadResponse></soap:Body></soap:Envelope>""")));
        partners.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=client_credentials"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        "leadflow-e2e:client-secret".getBytes(StandardCharsets.UTF_8))))
                .willReturn(okJson("{\"access_token\":\"client-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        partners.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=refresh-0"))
                .willReturn(okJson("{\"access_token\":\"revoked-token\",\"expires_in\":3600,\"refresh_token\":\"refresh-1\"}")));
        partners.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=refresh-1"))
                .willReturn(okJson("{\"access_token\":\"fresh-token\",\"expires_in\":3600}")));
        partners.stubFor(post("/modules/standard").withHeader("Authorization", equalTo("Bearer client-token"))
                .willReturn(okJson("{\"outcome\":\"success\",\"price\":2.5,\"lead\":{\"id\":\"other-1\"}}")));
        partners.stubFor(post("/auth/refresh").inScenario("refresh").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("refused"));
        partners.stubFor(post("/auth/refresh").inScenario("refresh").whenScenarioStateIs("refused")
                .withHeader("Authorization", equalTo("Bearer fresh-token")).willReturn(okJson(accepted)));
    }

    private static void stubTokenAuthenticatedCrm(WireMockServer partners) {
        partners.stubFor(post("/auth/token-json").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401)));
        partners.stubFor(post("/auth/token-json").withHeader("Authorization", equalTo("Bearer renewed-token"))
                .willReturn(okJson("{\"status\":\"accepted\"}")));
        partners.stubFor(post("/auth/login").willReturn(okJson("{\"access_token\":\"renewed-token\"}")));
    }

    private static String wsdl(String address) {
        return """
                <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://www.w3.org/2001/XMLSchema"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:leads" targetNamespace="urn:leads">
                  <wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="urn:leads">
                    <s:element name="AddLead"><s:complexType><s:sequence>
                      <s:element name="Lead"><s:complexType><s:sequence><s:element name="Email" type="s:string"/>
                      </s:sequence></s:complexType></s:element></s:sequence></s:complexType></s:element>
                    <s:element name="AddLeadResponse"><s:complexType><s:sequence>
                      <s:element name="AddLeadResult"><s:complexType><s:sequence>
                        <s:element name="Status" type="s:string"/><s:element name="Price" type="s:decimal"/>
                      </s:sequence></s:complexType></s:element></s:sequence></s:complexType></s:element>
                  </s:schema></wsdl:types>
                  <wsdl:message name="In"><wsdl:part name="parameters" element="tns:AddLead"/></wsdl:message>
                  <wsdl:message name="Out"><wsdl:part name="parameters" element="tns:AddLeadResponse"/></wsdl:message>
                  <wsdl:portType name="Leads"><wsdl:operation name="AddLead"><wsdl:input message="tns:In"/>
                    <wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
                  <wsdl:binding name="LeadsSoap" type="tns:Leads"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                    <wsdl:operation name="AddLead"><soap:operation soapAction="urn:leads/AddLead"/>
                      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
                    </wsdl:operation></wsdl:binding>
                  <wsdl:service name="Leads"><wsdl:port name="LeadsSoap" binding="tns:LeadsSoap">
                    <soap:address location="%s"/></wsdl:port></wsdl:service>
                </wsdl:definitions>""".formatted(address);
    }

    private static LoggedRequest one(WireMockServer partners,
                                     com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = partners.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode timeline(Pipeline pipeline, String leadId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.feedbackUrl()
                + "/leads/" + leadId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
