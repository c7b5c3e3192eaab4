package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryOutboundTest {

    private final QueryOutbound module = new QueryOutbound(new RequestValidator(IntegrationSettings.defaults()),
            new ResponseParser());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the question mark is always appended  | http://foo.bar   | {}                                        | http://foo.bar?
            even after an existing query          | http://x.com/p?a=1 | {"b": 2}                                | http://x.com/p?a=1?b=2
            lists repeat the name                 | http://foo.bar   | {"id.0": 1, "id.1": 2, "q": "a b"}        | http://foo.bar?id=1&id=2&q=a%20b
            dotted names stay flat                | http://foo.bar   | {"lead.first": "Mêl"}                     | http://foo.bar?lead.first=M%C3%AAl
            """)
    void appendsTheParametersToTheUrl(String behaviour, String url, String parameters, String expected) {
        OutboundRequest request = module.request(vars("{\"url\": \"" + url + "\", \"parameter\": " + parameters + "}"));

        assertThat(request.url()).isEqualTo(expected);
    }

    @Test
    void getsWithoutBodyFollowingRedirectsByDefault() {
        OutboundRequest request = module.request(vars("""
                {"url": "http://foo.bar", "basic_username": "u", "basic_password": "p"}"""));

        assertThat(request).isEqualTo(new OutboundRequest("GET", "http://foo.bar?",
                Map.of("Accept", RequestHeaders.ACCEPT, "Authorization", "Basic dTpw"), null, true));
    }

    @Test
    void doesNotFollowRedirectsWhenToldNotTo() {
        OutboundRequest request = module.request(vars("""
                {"url": "http://foo.bar", "follow_redirects": {"$type": "boolean", "raw": "false"}}"""));

        assertThat(request.followRedirects()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}                                                                     | URL is required
            {"url": "http://foo.com", "header": {"X-Key": "k"}}                     | none
            {"url": "http://foo.com", "header": {"Content-Type": "text/plain"}}     | Invalid Content-Type header value
            {"url": "http://foo.com", "header": {"Accept": "text/plain"}}           | Accept header is not allowed
            """)
    void refusesAnyContentTypeForAGet(String vars, String message) {
        assertThat(module.validate(vars(vars))).isEqualTo(Optional.ofNullable(message));
    }
}
