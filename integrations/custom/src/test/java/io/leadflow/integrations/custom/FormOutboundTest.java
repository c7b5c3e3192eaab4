package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormOutboundTest {

    private final FormOutbound module = new FormOutbound(new RequestValidator(IntegrationSettings.defaults()),
            new ResponseParser());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dotted names stay flat                     | {"foo.bar.baz": "bip"}                            | foo.bar.baz=bip
            numeric last segments repeat the name      | {"foo.bar.0": "bip", "foo.bar.1": "bap"}          | foo.bar=bip&foo.bar=bap
            sparse indexes close up                    | {"foo.0": "bip", "foo.4": "bap", "bar.baz.2": 42, "bar.baz.9": 55} | foo=bip&foo=bap&bar.baz=42&bar.baz=55
            mapped lists repeat the name               | {"tag": ["a", "b"]}                               | tag=a&tag=b
            falsy list items are dropped               | {"tag": ["a", "", 0, false]}                      | tag=a
            null is an empty value                     | {"a": null, "b": false}                           | a=&b=false
            names and values are percent-encoded       | {"profile[x]": "a b&c=d"}                          | profile%5Bx%5D=a%20b%26c%3Dd
            UTF-8 is percent-encoded                   | {"fname": "Mêl"}                                  | fname=M%C3%AAl
            encode_form_field_names true encodes names | {"foo[bar]": 42}                                  | foo%5Bbar%5D=42
            """)
    void buildsTheFormBody(String behaviour, String fields, String body) {
        assertThat(module.request(vars("{\"form_field\": " + fields + "}")).body()).isEqualTo(body);
    }

    @Test
    void leavesNamesUnencodedWhenEncodeFormFieldNamesIsFalse() {
        OutboundRequest request = module.request(vars("""
                {"encode_form_field_names": {"$type": "boolean", "raw": "false"},
                 "form_field": {"foo[bar]": 42, "foo[baz]": "zippity[do]", "list.0": "a b"}}"""));

        assertThat(request.body()).isEqualTo("foo[bar]=42&foo[baz]=zippity%5Bdo%5D&list=a%20b");
    }

    @Test
    void postsWithTheByteLengthOfTheBody() {
        OutboundRequest request = module.request(vars("""
                {"url": "http://foo.com/in", "basic_username": "u", "basic_password": "p",
                 "follow_redirects": true, "form_field": {"fname": "Mêl"}}"""));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        headers.put("Content-Length", "14");
        headers.put("Accept", RequestHeaders.ACCEPT);
        headers.put("Authorization", "Basic dTpw");
        assertThat(request).isEqualTo(new OutboundRequest("POST", "http://foo.com/in", headers, "fname=M%C3%AAl", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}                                                                                  | URL is required
            {"url": "http://foo.com", "method": "HEAD"}                                          | none
            {"url": "http://foo.com", "outcome_on_match": "x", "header": {"Accept": "*"}}        | Outcome on match must be 'success', 'failure', or 'error'
            {"url": "http://foo.com", "header": {"Content-Type": "x-www-form-urlencoded"}}       | none
            {"url": "http://foo.com", "header": {"Content-Type": "application/json"}}            | Invalid Content-Type header value
            """)
    void validatesUrlThenOutcomeThenHeaders(String vars, String message) {
        assertThat(module.validate(vars(vars))).isEqualTo(Optional.ofNullable(message));
    }
}
