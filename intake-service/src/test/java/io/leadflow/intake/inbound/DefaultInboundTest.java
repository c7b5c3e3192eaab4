package io.leadflow.intake.inbound;

import static io.leadflow.intake.inbound.InboundExamples.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** The default inbound across the reference's cases beyond the conformance examples (reference §3.1). */
class DefaultInboundTest {

    private static final String SUBMIT = "/flows/f/sources/s/submit";
    private static final String PING = "/flows/f/sources/s/ping";
    private static final Map<String, String> JSON_BODY = Map.of("Content-Type", "application/json", "Content-Length", "1");
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded",
            "Content-Length", "1");
    private static final Map<String, String> XML = Map.of("Content-Type", "application/xml", "Content-Length", "1");

    private final DefaultInbound inbound = new DefaultInbound();

    /** A request and what it submits (a JSON object) or its refusal ({@code status} and the answer's first words). */
    record Case(String name, String method, String uri, Map<String, String> headers, String body, String lead,
                int status, String refusal) {

        static Case reads(String name, String method, String uri, Map<String, String> headers, String body,
                          String lead) {
            return new Case(name, method, uri, headers, body, lead, 0, null);
        }

        static Case refuses(String name, String method, String uri, Map<String, String> headers, String body,
                            int status, String refusal) {
            return new Case(name, method, uri, headers, body, null, status, refusal);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            Case.reads("GET reads the query, repeated names as lists, dots kept", "GET",
                    SUBMIT + "?first_name=Joe&a.b=1&tag=x&tag=y&note=a+b%21", Map.of(), null,
                    "{\"first_name\":\"Joe\",\"a.b\":\"1\",\"tag\":[\"x\",\"y\"],\"note\":\"a b!\"}"),
            Case.reads("a broken escape stays as it is", "get", SUBMIT + "?city=100%&x=%zz", Map.of(), null,
                    "{\"city\":\"100%\",\"x\":\"%zz\"}"),
            Case.reads("the query is merged over a form body", "POST", SUBMIT + "?first_name=Query&a.b=3", FORM,
                    "first_name=Form&email=ada%40example.com&a.b=1&a.c=2",
                    "{\"first_name\":\"Query\",\"email\":\"ada@example.com\",\"a\":{\"b\":\"1\",\"c\":\"2\"},"
                            + "\"a.b\":\"3\"}"),
            Case.reads("the query is merged deeply over a JSON body", "POST", SUBMIT + "?age=7", JSON_BODY,
                    "{\"age\":36,\"opt_in\":true,\"address\":{\"city\":\"Austin\"}}",
                    "{\"age\":\"7\",\"opt_in\":true,\"address\":{\"city\":\"Austin\"}}"),
            Case.reads("XML attributes are fields, repeated elements lists, text beside attributes is _", "POST",
                    SUBMIT, XML, "<lead id=\"7\"><phone>1</phone><phone>2</phone><name first=\"Ada\">Lovelace</name>"
                            + "<empty/></lead>",
                    "{\"id\":\"7\",\"phone\":[\"1\",\"2\"],\"name\":{\"first\":\"Ada\",\"_\":\"Lovelace\"},\"empty\":\"\"}"),
            Case.reads("a POST that announces no body submits only the query", "POST", SUBMIT + "?a=1",
                    Map.of("Content-Type", "application/json"), "{\"b\":2}", "{\"a\":\"1\"}"),
            Case.reads("an empty body submits only the query", "POST", SUBMIT + "?a=1", JSON_BODY, "  \n ",
                    "{\"a\":\"1\"}"),
            Case.reads("a chunked body is read", "POST", SUBMIT,
                    Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), "{\"b\":2}",
                    "{\"b\":2}"),
            Case.reads("a form body in the charset it names", "POST", SUBMIT,
                    Map.of("Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1", "Content-Length",
                            "1"), "city=M%FCnchen", "{\"city\":\"München\"}"),
            Case.reads("xxTrustedFormCertUrl in any case becomes trustedform_cert_url; a ping URL is dropped on submit",
                    "POST", SUBMIT + "?XXTRUSTEDFORMCERTURL=https://cert.trustedform.com/abc", FORM,
                    "trustedform_ping_url=https://ping.trustedform.com/0.x&email=a%40b.c",
                    "{\"email\":\"a@b.c\",\"trustedform_cert_url\":\"https://cert.trustedform.com/abc\"}"),
            Case.reads("a ping's TrustedForm ping URL in the query becomes the cert URL", "GET",
                    PING + "?xxTrustedFormPingUrl=https://ping.trustedform.com/0.x", Map.of(), null,
                    "{\"trustedform_cert_url\":\"https://ping.trustedform.com/0.x\"}"),
            Case.reads("redir_url is kept in the lead", "GET", SUBMIT + "?redir_url=https%3A%2F%2Fexample.com%2Fthanks",
                    Map.of(), null, "{\"redir_url\":\"https://example.com/thanks\"}"),
            Case.refuses("another method", "PUT", SUBMIT, JSON_BODY, "{}", 405, "The PUT method is not allowed"),
            Case.refuses("an Accept no answer type satisfies", "GET", SUBMIT, Map.of("Accept", "text/html, text/plain"),
                    null, 406, "Not capable of generating content according to the Accept header"),
            Case.refuses("an Accept that refuses every type", "GET", SUBMIT, Map.of("Accept", "*/*;q=0"), null, 406,
                    "Not capable of generating content according to the Accept header"),
            Case.refuses("a redir_url that is no absolute http URL", "GET", SUBMIT + "?redir_url=ftp://example.com/x",
                    Map.of(), null, 400, "Invalid redir_url"),
            Case.refuses("a relative redir_url", "GET", SUBMIT + "?redir_url=/thanks", Map.of(), null, 400,
                    "Invalid redir_url"),
            Case.refuses("a body without Content-Type", "POST", SUBMIT, Map.of("Content-Length", "3"), "a=1", 415,
                    "Content-Type header is required"),
            Case.refuses("a body of another type", "POST", SUBMIT,
                    Map.of("Content-Type", "text/plain", "Content-Length", "3"), "a=1", 406,
                    "MIME type in Content-Type header is not supported. Use only application/x-www-form-urlencoded, "
                            + "application/json, application/xml, text/xml."),
            Case.refuses("JSON that does not parse", "POST", SUBMIT, JSON_BODY, "{\"a\": 1,}", 400,
                    "Unable to parse JSON -- Unexpected character ('}' (code 125))"),
            Case.refuses("JSON that is no object", "POST", SUBMIT, JSON_BODY, "[1, 2]", 400,
                    "Unable to parse JSON -- the body must be a JSON object"),
            Case.refuses("JSON nested deeper than 32 levels", "POST", SUBMIT, JSON_BODY,
                    "{\"a\":".repeat(40) + "1" + "}".repeat(40), 400,
                    "Unable to parse JSON -- Document nesting depth (33) exceeds the maximum allowed (32"),
            Case.refuses("a form name that is a value and a group", "POST", SUBMIT, FORM, "a.b=1&a=2", 400,
                    "Unable to parse body -- a is both a value and a group of values."),
            Case.refuses("a form name nested deeper than 32 levels", "POST", SUBMIT, FORM,
                    "a" + ".a".repeat(40) + "=1", 400, "Unable to parse body -- a.a.a"),
            Case.refuses("XML with an external entity", "POST", SUBMIT, XML,
                    "<?xml version=\"1.0\"?><!DOCTYPE lead [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                            + "<lead><name>&xxe;</name></lead>", 400,
                    "Body does not contain XML or XML is unparseable -- DOCTYPE is disallowed"),
            Case.refuses("XML with an expanding entity", "POST", SUBMIT, XML,
                    "<!DOCTYPE lead [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                            + "<lead><name>&b;</name></lead>", 400,
                    "Body does not contain XML or XML is unparseable -- DOCTYPE is disallowed"),
            Case.refuses("XML nested deeper than 32 levels", "POST", SUBMIT, XML,
                    "<a>".repeat(40) + "1" + "</a>".repeat(40), 400,
                    "Body does not contain XML or XML is unparseable -- elements are nested more than 32 levels deep."),
            Case.refuses("text that is no XML", "POST", SUBMIT, XML, "first_name=Joe", 400,
                    "Body does not contain XML or XML is unparseable -- "));

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void readsWhatASourceSubmitsOrRefusesIt(Case example) {
        Map<String, String> headers = new LinkedHashMap<>(example.headers());
        SourceRequest request = new SourceRequest(example.method(), example.uri(), headers,
                example.body() == null ? null : example.body().getBytes(charsetOf(headers)));

        DefaultInbound.Read read = inbound.read(request, Set.of());

        if (example.lead() != null) {
            assertThat(read).isInstanceOf(DefaultInbound.Submitted.class);
            JsonNode lead = JSON.valueToTree(((DefaultInbound.Submitted) read).values());
            assertThat(lead).isEqualTo(JSON.readTree(example.lead()));
        } else {
            assertThat(read).isInstanceOf(DefaultInbound.Refused.class);
            HttpAnswer answer = ((DefaultInbound.Refused) read).answer();
            assertThat(answer.status()).isEqualTo(example.status());
            assertThat(answer.headers()).containsEntry("Content-Type", "text/plain");
            assertThat(answer.body()).startsWith(example.refusal());
        }
    }

    @Test
    void aMethodNotAllowedNamesTheAllowedOnes() {
        assertThat(((DefaultInbound.Refused) inbound.read(new SourceRequest("delete", SUBMIT, Map.of(), null),
                Set.of())).answer()).isEqualTo(new HttpAnswer(405,
                Map.of("Content-Type", "text/plain", "Allow", "GET, POST"), "The DELETE method is not allowed"));
    }

    @Test
    void dropsTheQueryParameterThatCarriesTheApiKey() {
        DefaultInbound.Read read = inbound.read(new SourceRequest("GET", SUBMIT + "?api_key=secret&email=a%40b.c",
                Map.of(), null), Set.of("api_key"));

        assertThat(((DefaultInbound.Submitted) read).values()).isEqualTo(Map.of("email", "a@b.c"));
    }

    record Negotiation(String accept, String type) {
    }

    static final List<Negotiation> NEGOTIATIONS = List.of(
            new Negotiation(null, "application/json"),
            new Negotiation("*/*", "application/json"),
            new Negotiation("application/*", "application/json"),
            new Negotiation("text/*", "text/xml"),
            new Negotiation("application/xml", "application/xml"),
            new Negotiation("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
            new Negotiation("application/json;q=0.5, text/xml", "text/xml"),
            new Negotiation("application/x-www-form-urlencoded", "application/x-www-form-urlencoded"));

    @ParameterizedTest(name = "Accept {0}")
    @FieldSource("NEGOTIATIONS")
    void answersInTheBestTypeTheSourceAccepts(Negotiation example) {
        Map<String, String> headers = example.accept() == null ? Map.of() : Map.of("Accept", example.accept());

        DefaultInbound.Read read = inbound.read(new SourceRequest("GET", SUBMIT, headers, null), Set.of());

        assertThat(((DefaultInbound.Submitted) read).format())
                .isEqualTo(new AnswerFormat(example.type(), null, false));
    }

    private static java.nio.charset.Charset charsetOf(Map<String, String> headers) {
        String contentType = headers.get("Content-Type");
        return contentType != null && contentType.contains("ISO-8859-1") ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8;
    }
}
