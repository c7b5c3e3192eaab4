package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.VariableSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestValidatorTest {

    private final RequestValidator production = new RequestValidator(IntegrationSettings.defaults());
    private final RequestValidator local = new RequestValidator(new IntegrationSettings(true));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            ''                                            | URL is required
            ftp://foo.com/file                            | URL must be valid
            http:foo.com                                  | URL must be valid
            not a url                                     | URL must be valid
            http://foo                                    | URL must be valid
            http://localhost:8080/                        | URL must be valid
            http://foo.zzz/                               | URL must be public
            http://crm.internal/                          | URL must be public
            http://10.0.0.1/leads                         | URL must be public
            http://172.16.5.4/                            | URL must be public
            http://192.168.1.1/                           | URL must be public
            http://127.0.0.1:8080/                        | URL must be public
            http://169.254.169.254/latest/meta-data/      | URL must be public
            http://0.0.0.0/                               | URL must be public
            http://100.64.0.1/                            | URL must be public
            http://192.0.2.1/                             | URL must be public
            http://198.18.0.1/                            | URL must be public
            http://foo.com./                              | URL must be public
            http://[::ffff:8.8.8.8]/                      | URL must be public
            http://a--b.com/                              | URL must be valid
            http://-foo.com/                              | URL must be valid
            http://2130706433/                            | URL must be public
            http://0x7f.1/                                | URL must be public
            http://[::1]/                                 | URL must be public
            http://[fe80::1]/                             | URL must be public
            http://[fd12:3456::1]/                        | URL must be public
            http://[::ffff:10.0.0.1]/                     | URL must be public
            http://foo.com                                | none
            HTTPS://API.Example.COM:8443/v1/leads?x=1     | none
            https://user:secret@api.example.com/leads     | none
            http://8.8.8.8/                               | none
            http://[2001:4860:4860::8888]/                | none
            http://münchen.de/                            | none
            http://my_host.example.com/                   | none
            """)
    void checksThatTheUrlIsPresentValidAndPublic(String url, String message) {
        assertThat(production.url(vars("{\"url\": \"" + url + "\"}"))).isEqualTo(Optional.ofNullable(message));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            ''                          | URL is required
            http://localhost:8080/      | none
            http://10.0.0.1/            | none
            http://foo.zzz/             | none
            not a url                   | URL must be valid
            ftp://localhost/            | URL must be valid
            """)
    void checksOnlyAnHttpBaseWherePrivateNetworksAreAllowed(String url, String message) {
        assertThat(local.url(vars("{\"url\": \"" + url + "\"}"))).isEqualTo(Optional.ofNullable(message));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}                                         | none
            {"method": "patch"}                        | none
            {"method": "HEAD"}                         | Unsupported HTTP method - use POST, PUT, PATCH
            """)
    void acceptsOnlyTheAllowedMethodsInAnyCase(String vars, String message) {
        assertThat(production.method(vars(vars), VariableSpec.optional("method", "string", "the method"), List.of("POST", "PUT", "PATCH"))).isEqualTo(Optional.ofNullable(message));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}                                         | none
            {"outcome_on_match": "error"}              | none
            {"outcome_on_match": "failure"}            | none
            {"outcome_on_match": "Success"}            | Outcome on match must be 'success', 'failure', or 'error'
            {"outcome_on_match": "donkey"}             | Outcome on match must be 'success', 'failure', or 'error'
            """)
    void acceptsOnlyTheThreeOutcomesSpelledExactly(String vars, String message) {
        assertThat(production.outcome(vars(vars))).isEqualTo(Optional.ofNullable(message));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {"header": {"X-Api-Key": "k"}}                           | none
            {"header": {"accept": "text/plain"}}                     | Accept header is not allowed
            {"header": {"content-length": "10"}}                     | Content-Length header is not allowed
            {"header": {"Accept": ""}}                               | none
            {"header": {"Content-Type": "application/vnd.api+JSON"}} | none
            {"header": {"CONTENT-TYPE": "text/xml"}}                 | Invalid Content-Type header value
            {"header": {"Content-Type": ""}}                         | Invalid Content-Type header value
            """)
    void refusesAcceptContentLengthAndContentTypesOfAnotherFamily(String vars, String message) {
        assertThat(production.headers(vars(vars), "json")).isEqualTo(Optional.ofNullable(message));
    }
}
