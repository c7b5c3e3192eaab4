package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonOutboundTest {

    private static final String ACCEPT = RequestHeaders.ACCEPT;

    private final JsonOutbound module = new JsonOutbound(new RequestValidator(IntegrationSettings.defaults()),
            new ResponseParser());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dotted names nest                        | {"foo.bar.baz": "bip"}                          | {"foo":{"bar":{"baz":"bip"}}}
            numeric segments build arrays            | {"foo.bar.0": "bip", "foo.bar.1": "bap"}        | {"foo":{"bar":["bip","bap"]}}
            mapped lists are kept                    | {"foo": ["bip", "bap"]}                         | {"foo":["bip","bap"]}
            falsy array items are dropped            | {"a.0": 0, "a.1": false, "a.2": "x", "a.3": "", "a.4": null} | {"a":["x"]}
            falsy properties are kept                | {"a": 0, "b": false, "c": "", "d": null}        | {"a":0,"b":false,"c":"","d":null}
            sparse indexes close up                  | {"foo.0": "bip", "foo.4": "bap"}                | {"foo":["bip","bap"]}
            all-numeric top keys build a root array  | {"0.a": 1, "2.a": 2}                            | [{"a":1},{"a":2}]
            an empty mapping sends an empty array    | {}                                              | []
            a mixed mapping is an object, index keys first | {"bip": "bap", "0.foo": "baz"}            | {"0":{"foo":"baz"},"bip":"bap"}
            brackets in names are literal            | {"foo.bar[x]": "y"}                             | {"foo":{"bar[x]":"y"}}
            numbers print as JavaScript prints them  | {"a": 1.5, "b": 100000.0, "c": 1e21}            | {"a":1.5,"b":100000,"c":1e+21}
            text is escaped as JSON, UTF-8 kept      | {"a": "say \\"hi\\"\\n", "b": "Mêl"}             | {"a":"say \\"hi\\"\\n","b":"Mêl"}
            """)
    void buildsTheJsonBody(String behaviour, String mapping, String body) {
        OutboundRequest request = module.request(vars("{\"json_property\": " + mapping + "}"));

        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void sendsTypedValuesInTheirNormalFormAndInvalidOnesRaw() {
        OutboundRequest request = module.request(vars("""
                {"json_property": {
                   "postal_code": {"$type": "postal_code", "raw": "78704"},
                   "phone": {"$type": "phone", "raw": "512-789-1111 x123"},
                   "boolean": {"$type": "boolean", "raw": "T"},
                   "gender": {"$type": "gender", "raw": "F"},
                   "number": {"$type": "number", "raw": "$100,000.00"},
                   "range": {"$type": "range", "raw": "1,000-2,000"},
                   "invalid": {"$type": "number", "raw": "foo"}}}"""));

        assertThat(request.body()).isEqualTo("{\"postal_code\":\"78704\",\"phone\":\"5127891111x123\",\"boolean\":true,"
                + "\"gender\":\"female\",\"number\":100000,\"range\":\"1000-2000\",\"invalid\":\"foo\"}");
    }

    @Test
    void transliteratesToAsciiWhenSendAsciiIsSet() {
        OutboundRequest request = module.request(vars("""
                {"send_ascii": {"$type": "boolean", "raw": "true"},
                 "json_property": {"name": "Mêl Straße", "nested.city": "Zürich"}}"""));

        assertThat(request.body()).isEqualTo("{\"name\":\"Mel Strasse\",\"nested\":{\"city\":\"Zurich\"}}");
    }

    @Test
    void buildsTheWholeRequest() {
        OutboundRequest request = module.request(vars("""
                {"url": "https://crm.example.com/leads", "method": "put", "follow_redirects": true,
                 "basic_username": "test", "basic_password": 1234,
                 "json_property": {"email": "a@b.com"},
                 "header": {"content-type": "application/vnd.crm+json", "X-Source": ["web", "ads"], "X-Blank": " "}}"""));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/vnd.crm+json");
        headers.put("Accept", ACCEPT);
        headers.put("Authorization", "Basic dGVzdDoxMjM0");
        headers.put("X-Source", "web, ads");
        assertThat(request).isEqualTo(new OutboundRequest("PUT", "https://crm.example.com/leads", headers,
                "{\"email\":\"a@b.com\"}", true));
    }

    @Test
    void authenticatesWithAUserCredentialBeforeBasicVariables() {
        OutboundRequest request = module.request(vars("""
                {"credential": {"type": "user", "username": "api", "password": "secret"},
                 "basic_username": "test", "basic_password": "1234"}"""));

        assertThat(request.headers()).containsEntry("Authorization", "Basic YXBpOnNlY3JldA==");
    }

    @Test
    void stuffsTheJsonIntoAFormParameterWithNestedAndExtraParameters() {
        OutboundRequest request = module.request(vars("""
                {"json_parameter": "element",
                 "json_property": {"postal_code": {"$type": "postal_code", "raw": "78704"},
                                   "phone": {"$type": "phone", "raw": "512-789-1111 x123"},
                                   "boolean": {"$type": "boolean", "raw": "T"},
                                   "gender": {"$type": "gender", "raw": "F"},
                                   "number": {"$type": "number", "raw": "$100,000.00"},
                                   "range": {"$type": "range", "raw": "1,000-2,000"}},
                 "nested_extra_parameter": {"preference": {"terms": {"isGranted": true}},
                                            "preference_two": {"terms": {"isGranted": false}}},
                 "extra_parameter": {"sessionName": "asdf 1234", "operation": "create"}}"""));

        assertThat(request.headers()).isEqualTo(Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "Accept", ACCEPT));
        assertThat(request.body()).isEqualTo("element=%7B%22postal_code%22%3A%2278704%22%2C%22phone%22%3A%225127891111x123"
                + "%22%2C%22boolean%22%3Atrue%2C%22gender%22%3A%22female%22%2C%22number%22%3A100000%2C%22range%22%3A"
                + "%221000-2000%22%7D&preference=%7B%22terms%22%3A%7B%22isGranted%22%3Atrue%7D%7D&preference_two="
                + "%7B%22terms%22%3A%7B%22isGranted%22%3Afalse%7D%7D&sessionName=asdf%201234&operation=create");
    }

    @Test
    void defaultsToPostWithoutFollowingRedirects() {
        OutboundRequest request = module.request(vars("{\"url\": \"http://foo.com\"}"));

        assertThat(request).isEqualTo(new OutboundRequest("POST", "http://foo.com",
                Map.of("Content-Type", "application/json; charset=utf-8", "Accept", ACCEPT), "[]", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}                                                             | URL is required
            {"url": "http://10.0.0.1", "method": "HEAD"}                   | URL must be public
            {"url": "http://foo.com", "method": "HEAD", "outcome_on_match": "x"} | Unsupported HTTP method - use POST, PUT, DELETE, PATCH
            {"url": "http://foo.com", "method": "delete", "outcome_on_match": "x"} | Outcome on match must be 'success', 'failure', or 'error'
            {"url": "http://foo.com", "outcome_on_match": "x", "header": {"Accept": "*"}} | Outcome on match must be 'success', 'failure', or 'error'
            {"url": "http://foo.com", "header": {"Content-Type": "text/xml"}} | Invalid Content-Type header value
            {"url": "http://foo.com", "method": "PATCH", "header": {"Content-Type": "application/json"}} | none
            """)
    void validatesUrlThenMethodThenOutcomeThenHeaders(String vars, String message) {
        assertThat(module.validate(vars(vars))).isEqualTo(Optional.ofNullable(message));
    }

    @Test
    void joinsTheDocumentsOfABatchIntoOneArrayWithoutTheLeadsIdempotencyKeys() {
        List<OutboundRequest> requests = List.of(
                module.request(vars("{\"url\": \"https://buyer.example/bulk\", \"json_property\": {\"email\": \"a@x.com\"}}"))
                        .withHeader("Idempotency-Key", "lead-a:buyer"),
                module.request(vars("{\"url\": \"https://buyer.example/bulk\", \"json_property\": {\"email\": \"b@x.com\"}}"))
                        .withHeader("Idempotency-Key", "lead-b:buyer"));

        OutboundRequest bulk = module.bulkRequest(requests).orElseThrow();

        assertThat(bulk).isEqualTo(new OutboundRequest("POST", "https://buyer.example/bulk", Map.of(
                "Content-Type", "application/json; charset=utf-8", "Accept", ACCEPT),
                "[{\"email\":\"a@x.com\"},{\"email\":\"b@x.com\"}]", false));
    }

    @Test
    void refusesToJoinRequestsToOtherUrlsOrWithOtherHeadersOrFormStuffedOnes() {
        OutboundRequest plain = module.request(vars("{\"url\": \"https://buyer.example/bulk\", \"json_property\": {\"a\": 1}}"));

        assertThat(List.of(
                module.bulkRequest(List.of(plain, module.request(vars(
                        "{\"url\": \"https://buyer.example/other\", \"json_property\": {\"a\": 2}}")))),
                module.bulkRequest(List.of(plain, module.request(vars(
                        "{\"url\": \"https://buyer.example/bulk\", \"json_property\": {\"a\": 2}, \"header\": {\"X-Source\": \"b\"}}")))),
                module.bulkRequest(List.of(module.request(vars(
                        "{\"url\": \"https://buyer.example/bulk\", \"json_property\": {\"a\": 2}, \"json_parameter\": \"lead\"}"))))))
                .containsOnly(Optional.empty());
    }

    @Test
    void splitsABulkAnswerIntoOneAnswerPerLeadWithTheBulkStatusOnlyWhenItHoldsOnePerLead() {
        OutboundResponse bulk = new OutboundResponse(200, Map.of("X-Batch", List.of("7")),
                "[{\"status\":\"accepted\",\"id\":1},{\"status\":\"rejected\",\"errors\":[{\"message\":\"Duplicate\"}]}]");

        assertThat(module.split(bulk, 2)).contains(List.of(
                new OutboundResponse(200, Map.of("X-Batch", List.of("7")), "{\"status\":\"accepted\",\"id\":1}"),
                new OutboundResponse(200, Map.of("X-Batch", List.of("7")),
                        "{\"status\":\"rejected\",\"errors\":[{\"message\":\"Duplicate\"}]}")));
        assertThat(List.of(module.split(bulk, 3), module.split(new OutboundResponse(200, Map.of(), "{\"ok\":true}"), 1),
                module.split(new OutboundResponse(502, Map.of(), "<html>Bad gateway</html>"), 1))).containsOnly(Optional.empty());
    }
}
