package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class XmlOutboundTest {

    private final XmlOutbound module = new XmlOutbound(new RequestValidator(IntegrationSettings.defaults()),
            new ResponseParser());

    record Case(String behaviour, String paths, String document) {

        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Case> documents() {
        return Stream.of(
                new Case("the first segment is the root element", """
                        {"lead.first": "Mel", "lead.last": "Gibson"}""", """
                        <?xml version="1.0"?>
                        <lead>
                          <first>Mel</first>
                          <last>Gibson</last>
                        </lead>"""),
                new Case("@name after an element sets its attribute", """
                        {"foo.bar@id": "123", "foo.bar": "baz"}""", """
                        <?xml version="1.0"?>
                        <foo>
                          <bar id="123">baz</bar>
                        </foo>"""),
                new Case("an element with only attributes closes itself", """
                        {"a.b.c@x": "y"}""", """
                        <?xml version="1.0"?>
                        <a>
                          <b>
                            <c x="y"/>
                          </b>
                        </a>"""),
                new Case("attributes of repeated elements, the old way", """
                        {"foo.bar.0@id": "1", "foo.bar.0": "a", "foo.bar.1@id": "2", "foo.bar.1": "b"}""", """
                        <?xml version="1.0"?>
                        <foo>
                          <bar id="1">a</bar>
                          <bar id="2">b</bar>
                        </foo>"""),
                new Case("#text right after an element next to its children makes mixed content", """
                        {"note#text": "hello", "note.b": "world"}""", """
                        <?xml version="1.0"?>
                        <note>
                          hello
                          <b>world</b>
                        </note>"""),
                new Case("text and attributes are escaped", """
                        {"a.b": "x < y & z > w", "a.b@q": "say \\"hi\\" & <bye>"}""", """
                        <?xml version="1.0"?>
                        <a>
                          <b q="say &quot;hi&quot; &amp; &lt;bye>">x &lt; y &amp; z &gt; w</b>
                        </a>"""),
                new Case("an empty value closes the element", """
                        {"a.b": "", "a.c": "0"}""", """
                        <?xml version="1.0"?>
                        <a>
                          <b/>
                          <c>0</c>
                        </a>"""),
                new Case("numbers and booleans print as JavaScript prints them", """
                        {"a.n": 2.50, "a.t": true}""", """
                        <?xml version="1.0"?>
                        <a>
                          <n>2.5</n>
                          <t>true</t>
                        </a>"""),
                new Case("only the last top-level element is the document", """
                        {"first.x": "1", "second.y": "2"}""", """
                        <?xml version="1.0"?>
                        <second>
                          <y>2</y>
                        </second>"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void buildsThePrettyPrintedDocument(Case example) {
        assertThat(module.request(vars("{\"xml_path\": " + example.paths() + "}")).body()).isEqualTo(example.document());
    }

    @Test
    void sendsTheDeclarationAloneForAnEmptyMapping() {
        OutboundRequest request = module.request(vars("{\"url\": \"http://foo.com\"}"));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/xml");
        headers.put("Accept", RequestHeaders.ACCEPT);
        headers.put("Content-Length", "21");
        assertThat(request).isEqualTo(new OutboundRequest("POST", "http://foo.com", headers, "<?xml version=\"1.0\"?>",
                false));
    }

    @Test
    void transliteratesToAsciiWhenSendAsciiIsSet() {
        OutboundRequest request = module.request(vars("""
                {"send_ascii": {"$type": "boolean", "raw": "true"}, "xml_path": {"lead.name": "Mêl"}}"""));

        assertThat(request.body()).isEqualTo("<?xml version=\"1.0\"?>\n<lead>\n  <name>Mel</name>\n</lead>");
    }

    @Test
    void keepsAContentTypeOverrideAndTheMethodUpperCased() {
        OutboundRequest request = module.request(vars("""
                {"method": "put", "header": {"Content-Type": "application/soap+xml"}, "xml_path": {"a.b": "c"}}"""));

        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.headers()).containsEntry("Content-Type", "application/soap+xml").hasSize(3);
    }

    @Test
    void stuffsTheXmlIntoAFormParameterFollowedByExtraParameters() {
        OutboundRequest request = module.request(vars("""
                {"xml_parameter": "xmlData", "xml_path": {"lead.foo": "bar"}, "extra_parameter": {"key": "k 1"}}"""));

        String body = "xmlData=%3C%3Fxml%20version%3D%221.0%22%3F%3E%0A%3Clead%3E%0A%20%20%3Cfoo%3Ebar%3C%2Ffoo%3E%0A"
                + "%3C%2Flead%3E&key=k%201";
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.headers()).isEqualTo(Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Accept", RequestHeaders.ACCEPT, "Content-Length", String.valueOf(body.length())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}                                                                         | URL is required
            {"url": "http://foo.com", "method": "DELETE"}                               | Unsupported HTTP method - use POST, PUT, PATCH
            {"url": "http://foo.com", "method": "patch"}                                | none
            {"url": "http://foo.com", "header": {"Content-Type": "application/json"}}  | Invalid Content-Type header value
            {"url": "http://foo.com", "header": {"Content-Type": "application/xml"}}   | none
            """)
    void validatesUrlThenMethodThenOutcomeThenHeaders(String vars, String message) {
        assertThat(module.validate(vars(vars))).isEqualTo(Optional.ofNullable(message));
    }
}
