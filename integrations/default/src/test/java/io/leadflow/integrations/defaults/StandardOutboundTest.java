package io.leadflow.integrations.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.testing.JsonFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code default.outbound.standard}: the shared conformance examples ({@code conformance/default.jsonl}) and the rest
 * of LeadConduit's outbound spec as tables.
 */
class StandardOutboundTest {

    private static final StandardOutbound MODULE = new StandardOutbound(IntegrationSettings.defaults());
    private static final String LEAD = """
            "url": "http://externalservice.com", "price": 1.5,
            "lead": {"first_name": "Joe", "last_name": "Blow", "email": {"$type": "email", "raw": "JBLOW@TEST.COM"},
                     "phone_1": {"$type": "phone", "raw": "512-789-1111"}}""";
    private static final String ACCEPT = "application/json;q=0.9,text/xml;q=0.8,application/xml;q=0.7";

    static Stream<Arguments> examples() throws IOException {
        try (InputStream in = StandardOutboundTest.class.getResourceAsStream("/conformance/default.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                    .map(JsonFixtures.JSON::readTree)
                    .map(example -> Arguments.of(example.get("area").asString() + " " + example.get("name").asString(),
                            example.get("input"), example.get("expected")))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void behavesAsLeadConduitsExamples(String example, JsonNode input, JsonNode expected) {
        var vars = JsonFixtures.vars(input.get("vars"));
        if (example.startsWith("default.outbound.request")) {
            assertThat(JsonFixtures.json(asMap(MODULE.request(vars)))).as(example).isEqualTo(withTextHeaders(expected));
        } else if (example.startsWith("default.outbound.response")) {
            OutboundResponse response = JsonFixtures.response(input.get("res"));
            assertThat(JsonFixtures.json(MODULE.response(vars, null, response).toFlatMap())).as(example).isEqualTo(expected);
        } else {
            assertThat(MODULE.validate(vars)).as(example).isEqualTo(Optional.of(expected.get("error").asString()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            POST form body                 | {LEAD}                                                     | first_name=Joe&last_name=Blow&email=jblow%40test.com&phone_1=5127891111&price=1.5
            custom fields after the lead   | {LEAD}, "default": {"custom": {"favorite_color": "pink"}}  | first_name=Joe&last_name=Blow&email=jblow%40test.com&phone_1=5127891111&favorite_color=pink&price=1.5
            empty custom field not sent    | {LEAD}, "default": {"custom": {"email": ""}}               | first_name=Joe&last_name=Blow&email=jblow%40test.com&phone_1=5127891111&price=1.5
            null field sent empty          | "url": "http://x.com", "lead": {"first_name": null, "a": "b c"} | first_name=&a=b%20c&price=0
            nested and dotted fields       | "url": "http://x.com", "lead": {"deeply": {"nested": {"var": "Hola"}}, "x.y": "z"} | deeply.nested.var=Hola&x.y=z&price=0
            """)
    void postsTheLeadAsAForm(String problem, String vars, String body) {
        OutboundRequest request = MODULE.request(JsonFixtures.vars("{" + vars.replace("{LEAD}", LEAD) + "}"));

        assertThat(request.body()).isEqualTo(body);
        assertThat(request.headers()).containsExactly(Map.entry("Content-Type", "application/x-www-form-urlencoded"),
                Map.entry("Content-Length", String.valueOf(body.length())), Map.entry("Accept", ACCEPT));
    }

    @Test
    void aGetMergesTheLeadIntoTheUrlsQuery() {
        OutboundRequest request = MODULE.request(JsonFixtures.vars(
                "{\"url\": \"http://x.com/in?aff=1&name=old#top\", \"method\": \"get\", \"lead\": {\"name\": \"A B*\"}}"));

        assertThat(request).isEqualTo(new OutboundRequest("GET", "http://x.com/in?aff=1&name=A+B*&price=0#top",
                Map.of("Accept", ACCEPT), null, false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            default outcome error         | ''                             | application/json | {"id":42}                       | {"outcome":"error","reason":"Unrecognized response"}
            reason kept                   | ''                             | application/json | {"id":42,"reason":"Big bada boom"} | {"outcome":"error","reason":"Big bada boom"}
            message as reason             | ''                             | application/json | { "message": "Flow is disabled" } | {"outcome":"error","reason":"Flow is disabled"}
            JSON event                    | ''                             | application/json | {"outcome":"success","reason":"","lead":{"id":"1234"},"price":1.5} | {"lead":{"id":"1234"},"outcome":"success","price":1.5,"reason":""}
            XML event without its root    | ''                             | text/xml         | <result><outcome>failure</outcome><reason>Duplicate</reason><lead><id>7</id></lead><price>0</price></result> | {"lead":{"id":"7"},"outcome":"failure","price":"0","reason":"Duplicate"}
            poorly formed XML             | ''                             | text/xml         | <status>Error</status><reason>x</reason> | {"outcome":"error","reason":"Unrecognized response"}
            no content type               | ''                             | ''               | {}                              | {"outcome":"error","reason":"No Content-Type specified in server response"}
            unsupported content type      | ''                             | text/html        | <p>hi</p>                       | {"outcome":"error","reason":"Unsupported Content-Type specified in server response"}
            default outcome given         | "default_outcome": "failure"   | application/json; charset=utf-8 | {}               | {"outcome":"failure","reason":"Unrecognized response"}
            """)
    void readsTheOtherFlowsAnswer(String problem, String vars, String contentType, String body, String event) {
        Map<String, List<String>> headers = contentType.isEmpty() ? Map.of() : Map.of("Content-Type", List.of(contentType));

        var answer = MODULE.response(JsonFixtures.vars("{" + vars + "}"), null, new OutboundResponse(200, headers, body));

        assertThat(JsonFixtures.json(answer.toFlatMap())).isEqualTo(JsonFixtures.JSON.readTree(event));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            valid                         | "url": "http://x.com", "method": "post"           | ''
            bad default outcome           | "url": "http://x.com", "default_outcome": "donkey" | default outcome must be "success", "failure" or "error"
            no URL                        | "method": "get"                                    | URL is required
            not a URL                     | "url": "donkeykong"                                | URL must be valid
            private domain                | "url": "http://donkeykong.localhost"               | URL must be public
            link-local address            | "url": "http://169.254.169.254/latest/meta-data/"  | URL must be public
            PUT                           | "url": "http://x.com", "method": "put"             | Unsupported HTTP method - use GET or POST
            """)
    void validatesAsLeadConduitDoes(String problem, String vars, String message) {
        assertThat(MODULE.validate(JsonFixtures.vars("{" + vars + "}"))).isEqualTo(Optional.ofNullable(message)
                .filter(text -> !text.isEmpty()));
    }

    @Test
    void isFoundOnTheClasspath() {
        assertThat(IntegrationCatalog.load(IntegrationSettings.defaults()).find("default.outbound.standard")
                .map(IntegrationModule::id)).contains("default.outbound.standard");
    }

    private static Map<String, Object> asMap(OutboundRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("url", request.url());
        map.put("method", request.method());
        map.put("headers", request.headers());
        if (request.body() != null) {
            map.put("body", request.body());
        }
        return map;
    }

    /** The examples write Content-Length as a number; requests carry header values as text. */
    private static JsonNode withTextHeaders(JsonNode expected) {
        Map<String, Object> copy = JsonFixtures.JSON.convertValue(expected, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) copy.get("headers");
        headers.replaceAll((name, value) -> String.valueOf(value));
        return JsonFixtures.json(copy);
    }
}
