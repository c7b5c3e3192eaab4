package io.leadflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DemoPartnersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> REQUEST_LOG = new CopyOnWriteArrayList<>();
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static DemoPartners partners;

    @BeforeAll
    static void startPartners() throws IOException {
        partners = DemoPartners.start(new InetSocketAddress("127.0.0.1", 0), REQUEST_LOG::add);
    }

    @AfterAll
    static void stopPartners() {
        partners.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        REQUEST_LOG.clear();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"phone":"5125550142"}        | {"line_type":"mobile","carrier":"Acme Wireless","valid":true}
            {"phone":"+1 (512) 555-0143"} | {"line_type":"fixed_line","carrier":"Globex Telecom","valid":true}
            {"phone":"512.555.0144"}      | {"line_type":"mobile","carrier":"Initech Mobile","valid":true}
            {"phone":"555-0142"}          | {"valid":false,"reason":"Not a 10-digit phone number"}
            {"phone":"25125550142"}       | {"valid":false,"reason":"Not a 10-digit phone number"}
            {}                            | {"valid":false,"reason":"Not a 10-digit phone number"}
            """)
    void phoneCheckDerivesLineTypeAndCarrierFromTheDigits(String request, String expected) throws Exception {
        HttpResponse<String> response = post("/phone-check", request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(expected));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"email":"ada@example.com","phone":"5125550142"}     | 200 | {"status":"accepted","id":"<generated>","price":"12.50"}
            {"lead":{"email":"Ada.Dup@example.com"}}             | 200 | {"status":"rejected","errors":[{"message":"Duplicate lead"}]}
            {"email":"fail@example.com"}                         | 500 | {"status":"error","message":"Demo buyer failure, asked for by the email"}
            {"first_name":"Dupont","email":"dupont-fail@x.test"} | 500 | {"status":"error","message":"Demo buyer failure, asked for by the email"}
            {"first_name":"Dupont"}                              | 200 | {"status":"accepted","id":"<generated>","price":"12.50"}
            """)
    void buyerAnswersByTheLeadsEmail(String lead, int expectedStatus, String expectedBody) throws Exception {
        HttpResponse<String> response = post("/buyer/leads", lead);

        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertThat(withGeneratedIdMarked(JSON.readTree(response.body()))).isEqualTo(JSON.readTree(expectedBody));
    }

    @Test
    void buyerGivesEveryAcceptedLeadItsOwnId() throws Exception {
        String first = JSON.readTree(post("/buyer/leads", "{\"email\":\"a@example.com\"}").body()).get("id").asString();
        String second = JSON.readTree(post("/buyer/leads", "{\"email\":\"a@example.com\"}").body()).get("id").asString();

        assertThat(first).matches(UUID_PATTERN);
        assertThat(second).matches(UUID_PATTERN).isNotEqualTo(first);
    }

    @Test
    void requestLogNamesOutcomesButNoPersonalData() throws Exception {
        post("/phone-check", "{\"phone\":\"5125550143\"}");
        String id = JSON.readTree(post("/buyer/leads", "{\"email\":\"ada@example.com\",\"phone\":\"5125550142\"}")
                .body()).get("id").asString();
        post("/buyer/leads", "{\"email\":\"ada.dup@example.com\"}");

        assertThat(REQUEST_LOG).containsExactly(
                "POST /phone-check -> 200 fixed_line",
                "POST /buyer/leads -> 200 accepted " + id,
                "POST /buyer/leads -> 200 rejected");
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /phone-check      | not json      | 400 | {"error":"The body is not JSON"}
            POST | /phone-check      | ["5125550142"] | 400 | {"error":"The body must be a JSON object"}
            POST | /buyer/leads      | ''            | 400 | {"error":"The body must be a JSON object"}
            GET  | /buyer/leads      | ''            | 405 | {"error":"Only POST is allowed"}
            POST | /phone-check/more | {}            | 404 | {"error":"No such endpoint"}
            """)
    void refusesAnythingButAPostOfAJsonObject(String method, String path, String body, int expectedStatus,
                                               String expectedBody) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(partners.baseUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(expectedBody));
    }

    @Test
    void readsItsAddressFromTheEnvironment() {
        assertThat(DemoPartners.addressFromEnvironment(Map.of()))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 9090));
        assertThat(DemoPartners.addressFromEnvironment(Map.of(
                DemoPartners.PORT_VARIABLE, "19090", DemoPartners.BIND_ADDRESS_VARIABLE, "0.0.0.0")))
                .isEqualTo(new InetSocketAddress("0.0.0.0", 19090));
        assertThatThrownBy(() -> DemoPartners.addressFromEnvironment(Map.of(DemoPartners.PORT_VARIABLE, "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DEMO_PARTNER_PORT must be a port number, not 'http'");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(partners.baseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode withGeneratedIdMarked(JsonNode body) {
        if (body.has("id")) {
            assertThat(body.get("id").asString()).matches(UUID_PATTERN);
            ((ObjectNode) body).put("id", "<generated>");
        }
        return body;
    }
}
