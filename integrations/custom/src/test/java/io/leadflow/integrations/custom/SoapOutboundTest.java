package io.leadflow.integrations.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationException;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Vars;
import io.leadflow.integration.testing.JsonFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code custom.outbound.soap} against a fake service: the WSDL and answers in {@code soap/} (written for these tests,
 * shaped like the fixtures LeadConduit's SOAP tests name) and the shared {@code custom.soap.response} examples.
 */
class SoapOutboundTest {

    private static final String WSDL_URL = "http://donkey/login/ws/ws.asmx?WSDL";
    private static final SoapOutbound MODULE = new SoapOutbound(new RequestValidator(IntegrationSettings.defaults()));
    private static final Map<String, String> FIXTURES = Map.of(
            "test/soap-wsdl.xml", "/soap/leads-wsdl.xml", "test/soap-success.xml", "/soap/success.xml");

    /** Answers the WSDL URL with the WSDL and every other request with {@code answer}; keeps what was sent. */
    private static final class FakeService implements OutboundTransport {

        final List<OutboundRequest> sent = new ArrayList<>();
        private final OutboundResponse answer;

        FakeService(String answerResource) {
            this(new OutboundResponse(200, Map.of("Content-Type", List.of("text/xml")), resource(answerResource)));
        }

        FakeService(OutboundResponse answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
            sent.add(request);
            if (request.url().equals(WSDL_URL)) {
                return CompletableFuture.completedFuture(new OutboundResponse(200,
                        Map.of("Content-Type", List.of("text/xml")), resource("/soap/leads-wsdl.xml")));
            }
            return answer == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(answer);
        }

        OutboundRequest call() {
            return sent.get(sent.size() - 1);
        }
    }

    static Stream<Arguments> examples() {
        return resource("/conformance/custom-soap.jsonl").lines().filter(line -> !line.isBlank())
                .map(JsonFixtures::json)
                .map(example -> Arguments.of(example.get("name").asString(), example.get("input"),
                        example.get("expected")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void readsTheResultAsLeadConduitsExamplesDo(String example, JsonNode input, JsonNode expected) {
        assertThat(FIXTURES.get(input.get("wsdl_file").asString())).isEqualTo("/soap/leads-wsdl.xml");
        FakeService service = new FakeService(FIXTURES.get(input.get("soap_response_file").asString()));

        IntegrationEvent event = MODULE.handle(JsonFixtures.vars(input.get("vars")), service).join();

        assertThat(JsonFixtures.json(event.toFlatMap())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            success without search term      | -                      | -                     | -       | -                     | -            | success | -
            failure per outcome on match     | -                      | -                     | failure | -                     | -            | failure | -
            term found in the body           | some message           | -                     | -       | -                     | -            | success | -
            term found at the path           | some message           | AddLeadResult.Message | -       | -                     | -            | success | -
            term not found                   | bar                    | -                     | -       | -                     | -            | failure | -
            term not at the path             | foo                    | AddLeadResult.Message | -       | -                     | -            | failure | -
            bogus search path                | foo                    | 0                     | -       | -                     | -            | failure | -
            failure on match                 | some message           | -                     | failure | -                     | -            | failure | -
            partial match                    | some                   | AddLeadResult.Message | -       | -                     | -            | success | -
            regex                            | '[a-z]{4}\\s[a-z]{7}'  | -                     | -       | -                     | -            | success | -
            regex with slashes at the path   | '/[a-z]{4}\\s[a-z]{7}/' | AddLeadResult.Message | -      | -                     | -            | success | -
            invalid regex                    | '/[/'                  | -                     | -       | -                     | -            | failure | -
            upper case term                  | SOME MESSAGE           | AddLeadResult.Message | -       | -                     | -            | success | -
            error on match                   | some                   | -                     | error   | -                     | -            | error   | -
            reason                           | 'false'                | -                     | -       | AddLeadResult.Message | -            | failure | some message
            empty reason discarded           | 'false'                | -                     | -       | AddLeadResult.Empty   | -            | failure | -
            default reason                   | 'false'                | -                     | -       | AddLeadResult.Bogus   | just because | failure | just because
            default reason on success too    | -                      | -                     | -       | -                     | just because | success | just because
            """)
    void decidesOutcomeAndReasonAsLeadConduitDoes(String problem, String term, String path, String onMatch,
                                                  String reasonPath, String defaultReason, String outcome,
                                                  String reason) {
        Map<String, Object> vars = new java.util.LinkedHashMap<>(Map.of("url", WSDL_URL, "function", "AddLead"));
        Optional.ofNullable(term).ifPresent(value -> vars.put("outcome_search_term", value));
        Optional.ofNullable(path).ifPresent(value -> vars.put("outcome_search_path", value));
        Optional.ofNullable(onMatch).ifPresent(value -> vars.put("outcome_on_match", value));
        Optional.ofNullable(reasonPath).ifPresent(value -> vars.put("reason_path", value));
        Optional.ofNullable(defaultReason).ifPresent(value -> vars.put("default_reason", value));

        IntegrationEvent event = MODULE.handle(Vars.of(vars), new FakeService("/soap/success.xml")).join();

        assertThat(event.outcome().wireName()).isEqualTo(outcome);
        assertThat(event.reason()).isEqualTo(reason);
    }

    @Test
    void parsesXmlThatTheResultCarriesAsText() {
        IntegrationEvent event = MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLeadXML\"}"),
                new FakeService("/soap/encoded.xml")).join();

        assertThat(JsonFixtures.json(event.appended())).isEqualTo(JsonFixtures.json("""
                {"AddLeadXMLResult": {"Response": {"Result": "true", "Message": "some message", "LeadId": "12345",
                 "Empty": "", "Multi": {"Foo": ["1", "2"]}}}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SOAP 1.1 fault | /soap/fault11.xml | Invalid campaign
            SOAP 1.2 fault | /soap/fault12.xml | Lead rejected by schema
            """)
    void aFaultIsAnErrorWithItsFaultString(String problem, String answer, String reason) {
        FakeService service = new FakeService(new OutboundResponse(500, Map.of(), resource(answer)));

        IntegrationEvent event = MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLead\"}"),
                service).join();

        assertThat(event.toFlatMap()).isEqualTo(Map.of("outcome", "error", "reason", reason));
    }

    @Test
    void callsTheOperationAtItsAddressWithItsAction() {
        FakeService service = new FakeService("/soap/success.xml");

        MODULE.handle(JsonFixtures.vars("""
                {"url": "%s", "function": "AddLead", "arg": {"Lead": {"FirstName": "Bob",
                 "ZipCode": {"$type": "postal_code", "raw": "78704-1234"}}}}""".formatted(WSDL_URL)), service).join();

        assertThat(service.sent).extracting(OutboundRequest::method, OutboundRequest::url)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", WSDL_URL),
                        org.assertj.core.groups.Tuple.tuple("POST", "http://donkey/login/ws/ws.asmx"));
        OutboundRequest call = service.call();
        assertThat(call.headers()).containsExactly(Map.entry("Content-Type", "text/xml; charset=utf-8"),
                Map.entry("SOAPAction", "\"http://donkey/ws.asmx/AddLead\""));
        assertThat(call.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soap:Body>"
                + "<AddLead xmlns=\"http://donkey/ws.asmx/\"><Lead><FirstName>Bob</FirstName>"
                + "<ZipCode>78704-1234</ZipCode></Lead></AddLead></soap:Body></soap:Envelope>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SOAP 1.2 port and envelope  | "version": "1.2"                                          | <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"
            SOAP 1.1 when asked         | "version": "1.1"                                          | <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
            attribute on an argument    | "arg": {"Lead": {"attributes": {"SomethingSomethingId": "42"}, "FirstName": "Bob"}} | <Lead SomethingSomethingId="42"><FirstName>Bob</FirstName></Lead>
            array arguments compacted   | "arg": {"Lead.bar.0": "bip", "Lead.bar.1": null, "Lead.bar.2": "bap"} | <Lead><bar>bip</bar><bar>bap</bar></Lead>
            ASCII when told to          | "send_ascii": {"$type": "boolean", "raw": "true"}, "arg": {"Lead.FirstName": "Böb"} | <FirstName>Bob</FirstName>
            UTF-8 otherwise             | "send_ascii": {"$type": "boolean", "raw": "false"}, "arg": {"Lead.FirstName": "Böb"} | <FirstName>Böb</FirstName>
            text escaped                | "arg": {"Lead.FirstName": "Bob & <Co>"}                    | <FirstName>Bob &amp; &lt;Co&gt;</FirstName>
            custom headers              | "soap_header": {"SessionHeader.sessionId": 88774421, "SessionHeader@xmlns": "urn:foo.bar", "OtherHeader.Id": 4321, "OtherHeader@xmlns": "urn:foo.other"} | <soap:Header><SessionHeader xmlns="urn:foo.bar"><sessionId>88774421</sessionId></SessionHeader><OtherHeader xmlns="urn:foo.other"><Id>4321</Id></OtherHeader></soap:Header>
            root prefix and xmlns       | "root_namespace_prefix": "cal", "root_xmlns_attribute_name": "xmlns:cal", "root_xmlns_attribute_value": "http://donkey/ws.asmx/" | <cal:AddLead xmlns:cal="http://donkey/ws.asmx/"></cal:AddLead>
            root prefix only            | "root_namespace_prefix": "cal"                            | <cal:AddLead xmlns="http://donkey/ws.asmx/"></cal:AddLead>
            root xmlns only             | "root_xmlns_attribute_name": "xmlns:cal", "root_xmlns_attribute_value": "http://donkey/ws.asmx/" | <AddLead xmlns:cal="http://donkey/ws.asmx/"></AddLead>
            WS-Security text password   | "wss_username": "bob", "wss_password": "sekret"            | <wsse:Username>bob</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">sekret</wsse:Password>
            """)
    void buildsTheEnvelopeAsLeadConduitsSoapTestsExpect(String problem, String vars, String fragment) {
        FakeService service = new FakeService("/soap/success.xml");

        MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLead\", " + vars + "}"), service)
                .join();

        assertThat(service.call().body()).contains(fragment);
    }

    @Test
    void aSoap12CallGoesToTheSoap12PortWithItsActionInTheContentType() {
        FakeService service = new FakeService("/soap/success.xml");

        MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLead\", \"version\": \"1.2\"}"),
                service).join();

        assertThat(service.call().url()).isEqualTo("http://donkey/login/ws/ws12.asmx");
        assertThat(service.call().headers()).isEqualTo(Map.of("Content-Type",
                "application/soap+xml; charset=utf-8; action=\"http://donkey/ws.asmx/AddLead\""));
    }

    @Test
    void anObjectForAStringArgumentIsSentAsEscapedXmlAndCDataAsItIs() {
        FakeService service = new FakeService("/soap/success.xml");

        MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLeadXML\", "
                + "\"arg\": {\"LeadXML.Lead.FirstName\": \"Bob\", \"LeadXML.Lead.ZipCode\": \"78704-1234\"}}"), service)
                .join();
        String encoded = service.call().body();
        MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLeadXML\", "
                + "\"arg\": {\"LeadXML\": \"<![CDATA[Hello World! & <Hello Me!>]]>\"}}"), service).join();

        assertThat(encoded).contains("<LeadXML>&lt;?xml version=\"1.0\"?&gt;\n&lt;Lead&gt;\n"
                + "  &lt;FirstName&gt;Bob&lt;/FirstName&gt;\n  &lt;ZipCode&gt;78704-1234&lt;/ZipCode&gt;\n&lt;/Lead&gt;</LeadXML>");
        assertThat(service.call().body()).contains("<LeadXML><![CDATA[Hello World! & <Hello Me!>]]></LeadXML>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            basic wins over the rest | "basic_username": "bob", "basic_password": "sekret", "bearer_token": "crunchy" | Basic Ym9iOnNla3JldA==
            bearer token             | "bearer_token": "crunchy", "wss_username": "bob", "wss_password": "sekret"      | Bearer crunchy
            """)
    void authenticatesWithBasicOrBearer(String problem, String vars, String authorization) {
        FakeService service = new FakeService("/soap/success.xml");

        MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLead\", " + vars + "}"), service)
                .join();

        assertThat(service.call().headers().get("Authorization")).isEqualTo(authorization);
        assertThat(service.call().body()).doesNotContain("wsse:Security");
    }

    @Test
    void aDigestPasswordIsTheSha1OfNonceCreatedAndPassword() {
        FakeService service = new FakeService("/soap/success.xml");

        MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL + "\", \"function\": \"AddLead\", \"wss_username\": "
                + "\"bob\", \"wss_password\": \"sekret\", \"wss_digest_password\": true}"), service).join();

        String body = service.call().body();
        Matcher token = Pattern.compile("#PasswordDigest\">([^<]+)</wsse:Password><wsse:Nonce [^>]+>([^<]+)</wsse:Nonce>"
                + "<wsu:Created>([^<]+)</wsu:Created>").matcher(body);
        assertThat(token.find()).as(body).isTrue();
        assertThat(token.group(1)).isEqualTo(SoapEnvelope.digest(Base64.getDecoder().decode(token.group(2)),
                token.group(3), "sekret"));
        assertThat(body).doesNotContain("sekret");
    }

    @Test
    void anUnknownFunctionIsAnErrorOfTheCall() {
        assertThatThrownBy(() -> MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL
                + "\", \"function\": \"someUnsupportedFunction\"}"), new FakeService("/soap/success.xml")).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(IntegrationException.class).hasMessage("Unsupported SOAP function specified");
    }

    @Test
    void aCallSlowerThanTimeoutSecondsTimesOut() {
        FakeService silent = new FakeService((OutboundResponse) null);

        assertThatThrownBy(() -> MODULE.handle(JsonFixtures.vars("{\"url\": \"" + WSDL_URL
                + "\", \"function\": \"AddLead\", \"timeout_seconds\": 0.2}"), silent).join())
                .cause().isInstanceOf(IntegrationException.class).hasMessage("Timed out after 0.2 s");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no URL                  | {}                                                           | URL is required
            invalid URL             | {"url": "donkey"}                                            | URL must be valid
            no function             | {"url": "http://foo.com"}                                    | Function is required
            function name           | {"url": "http://foo.com", "function": "donkey/kong"}         | Function must have valid name
            outcome on match        | {"url": "http://foo.com", "outcome_on_match": "donkey"}      | Outcome on match must be 'success', 'failure', or 'error'
            version                 | {"url": "http://foo.com", "function": "whatever", "version": "0"} | Must be valid SOAP version: 1.1 or 1.2
            error outcome allowed   | {"url": "http://foo.com", "function": "whatever", "outcome_on_match": "error"} | ''
            """)
    void validatesAsLeadConduitDoes(String problem, String vars, String message) {
        assertThat(MODULE.validate(JsonFixtures.vars(vars)).orElse("")).isEqualTo(message);
    }

    private static String resource(String name) {
        try (InputStream in = SoapOutboundTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
