package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.TypedValue;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlTypeTest {

    /** 63 characters, the most a label of a host name may have. */
    private static final String LONGEST_LABEL = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private final UrlType url = new UrlType();

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("https://google.com/search?q=hi#results", "https://google.com/search?q=hi#results",
                        "https", "google.com", "", "/search", "q=hi", "#results"),
                Arguments.of("    HTTPS://Google.com/search?q=hi#results     ", "https://google.com/search?q=hi#results",
                        "https", "google.com", "", "/search", "q=hi", "#results"),
                Arguments.of("whatever", "http://whatever/", "http", "whatever", "", "/", "", ""),
                Arguments.of("centennialbulb.org", "http://centennialbulb.org/", "http", "centennialbulb.org", "", "/", "", ""),
                Arguments.of("http", "http://http/", "http", "http", "", "/", "", ""),
                Arguments.of("http://example.com:8080/a b?x=<y>", "http://example.com:8080/a%20b?x=%3Cy%3E",
                        "http", "example.com:8080", "8080", "/a%20b", "x=%3Cy%3E", ""),
                Arguments.of("https://example.com:443/", "https://example.com/", "https", "example.com", "", "/", "", ""),
                Arguments.of("http://[0:0::1]:81/x", "http://[::1]:81/x", "http", "[::1]:81", "81", "/x", "", ""),
                Arguments.of("http://Bücher.de/", "http://xn--bcher-kva.de/", "http", "xn--bcher-kva.de", "", "/", "", ""),
                Arguments.of("http://example.com./", "http://example.com./", "http", "example.com.", "", "/", "", ""),
                Arguments.of("http://" + LONGEST_LABEL + ".com", "http://" + LONGEST_LABEL + ".com/", "http",
                        LONGEST_LABEL + ".com", "", "/", "", ""),
                Arguments.of("https://example.com/é?é#é", "https://example.com/%C3%A9?%C3%A9#%C3%A9", "https",
                        "example.com", "", "/%C3%A9", "%C3%A9", "#%C3%A9"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("urls")
    void readsHttpUrlsAsBrowsersDo(String input, String href, String protocol, String host, String port, String path,
            String query, String hash) {
        assertThat(url.parse(input)).isEqualTo(value("url", input, href, true, "protocol", protocol, "host", host,
                "port", port, "path", path, "query", query, "hash", hash));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "https://", "donkey://google.com", "ftp://example.com/", "http://exa mple.com/",
            "http://example.com:99999/", "http://256.1.1.1/", "http://[::1/", "http://a..b/", "http://.example.com/",
            "http://a" + LONGEST_LABEL + ".com/"})
    void rejectsOtherSchemesAndMissingOrMalformedHosts(String input) {
        assertThat(url.parse(input)).isEqualTo(value("url", input, input, false));
    }

    @Test
    void rejectsStructures() {
        assertThat(url.parse(Map.of("foo", 42))).isEqualTo(value("url", "[object Object]", "[object Object]", false));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        TypedValue parsed = url.parse(url.parse("http://google.com/search?q=hi"));
        assertThat(parsed).isEqualTo(value("url", "http://google.com/search?q=hi", "http://google.com/search?q=hi", true,
                "protocol", "http", "host", "google.com", "port", "", "path", "/search", "query", "q=hi", "hash", ""));
    }
}
