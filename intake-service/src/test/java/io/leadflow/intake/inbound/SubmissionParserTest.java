package io.leadflow.intake.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.intake.domain.Refusal;
import io.leadflow.intake.domain.Submission;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmissionParserTest {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final SubmissionParser parser = new SubmissionParser();

    static Stream<Arguments> posts() {
        return Stream.of(
                post("JSON object", JSON, "{\"first_name\":\"Joe\",\"age\":42,\"opt_in\":true,\"address\":{\"city\":\"Austin\"}}", null,
                        values(Map.of("first_name", "Joe", "age", 42, "opt_in", true, "address", Map.of("city", "Austin")))),
                post("JSON with charset parameter", "application/json; charset=utf-8", "{\"first_name\":\"Zoë\"}", null,
                        values(Map.of("first_name", "Zoë"))),
                post("JSON with a raw tab and newlines, retried without them", JSON,
                        "{\n  \"first_name\": \"Harold\",\n  \"address_1\": \"123\t Main St\"\n}", null,
                        values(Map.of("first_name", "Harold", "address_1", "123 Main St"))),
                post("JSON that cannot be parsed", JSON, "{\"first_name\": }", null,
                        malformed("Unable to parse JSON -- Unexpected character ('}' (code 125)): expected a valid value "
                                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')")),
                post("JSON that is not an object", JSON, "[1, 2]", null,
                        malformed("Unable to parse JSON -- the body must be a JSON object")),
                post("form with dotted names nesting and + as space", FORM,
                        "first_name=Joe&callcenter.additional_services=script+writing", null,
                        values(Map.of("first_name", "Joe", "callcenter", Map.of("additional_services", "script writing")))),
                post("form with a repeated name", FORM, "phone=1&phone=2&name=%C3%A9", null,
                        values(Map.of("phone", List.of("1", "2"), "name", "é"))),
                post("form with a name that is both a value and a group", FORM,
                        "utility=SCE&utility.electric.company=SCE", null,
                        malformed("Unable to parse body -- utility is both a value and a group of values.")),
                post("query merged over a form body: the query wins", FORM, "first_name=Joe&email=joe@example.com",
                        "first_name=Jane&tag=a&tag=b",
                        values(Map.of("first_name", "Jane", "email", "joe@example.com", "tag", List.of("a", "b")))),
                post("dotted query name over a JSON group", JSON, "{\"address\":{\"city\":\"Austin\",\"zip\":\"78701\"}}",
                        "address.city=Dallas",
                        values(Map.of("address", Map.of("city", "Dallas", "zip", "78701")))),
                post("XML with the root dropped, attributes as fields, repeated elements as lists", "text/xml",
                        "<lead id=\"7\"><first_name>Joe</first_name><phone>1</phone><phone>2</phone>"
                                + "<address><city>Austin</city></address></lead>", null,
                        values(Map.of("id", "7", "first_name", "Joe", "phone", List.of("1", "2"),
                                "address", Map.of("city", "Austin")))),
                post("not XML", "application/xml", "first_name=Joe", null,
                        malformed("Body does not contain XML or XML is unparseable -- Content is not allowed in prolog.")),
                post("XML with a DTD", "application/xml",
                        "<!DOCTYPE lead [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><lead><a>&x;</a></lead>", null,
                        malformed("Body does not contain XML or XML is unparseable -- DOCTYPE is disallowed when the "
                                + "feature \"http://apache.org/xml/features/disallow-doctype-decl\" set to true.")),
                post("empty body: the query only, whatever the type", "text/plain", "  \n", "first_name=Joe",
                        values(Map.of("first_name", "Joe"))),
                post("unsupported type", "text/plain", "first_name=Joe", null,
                        new Submission.Unreadable(Refusal.UNSUPPORTED_CONTENT_TYPE, "MIME type in Content-Type header "
                                + "is not supported. Use only application/x-www-form-urlencoded, application/json, "
                                + "application/xml, text/xml.")),
                post("no Content-Type", null, "first_name=Joe", null,
                        new Submission.Unreadable(Refusal.UNSUPPORTED_CONTENT_TYPE, "Content-Type header is required")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posts")
    void readsPostedSubmissions(String name, String contentType, String body, String query, Submission expected) {
        assertThat(parser.parse(contentType, body.getBytes(StandardCharsets.UTF_8), query)).isEqualTo(expected);
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("first_name=Joe&tag=a&tag=b&email=joe%40example.com",
                        values(Map.of("first_name", "Joe", "tag", List.of("a", "b"), "email", "joe@example.com"))),
                Arguments.of("callcenter.hours=9-5&flag", values(Map.of("callcenter.hours", "9-5", "flag", ""))),
                Arguments.of(null, values(Map.of())),
                Arguments.of("name=%zz", malformed(
                        "Unable to parse query string -- URLDecoder: Illegal hex characters in escape (%) pattern - "
                                + "Error at index 0 in: \"zz\".")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void readsQueryStringsOfGets(String query, Submission expected) {
        assertThat(parser.parseQuery(query)).isEqualTo(expected);
    }

    private static Arguments post(String name, String contentType, String body, String query, Submission expected) {
        return Arguments.of(name, contentType, body, query, expected);
    }

    private static Submission values(Map<String, Object> values) {
        return new Submission.Values(values);
    }

    private static Submission malformed(String message) {
        return new Submission.Unreadable(Refusal.MALFORMED_BODY, message);
    }
}
