package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedFormUrlTypeTest {

    private static final String WEB_ID = "eb9fc4dd9bed9ad451a5648946cf4bf09b5bb947";
    private static final String MOBILE_ID =
            "11NgkzK_mroUbOD1-x66NigDliU1kdvbaCtLGvyja1K80vU1sKh9grlwP78vzKSp4ncwAfJAlNPNVY8f";
    private static final String PING_ID = "0.1JT7QUPI1sOFZxpr72ZK45K0ck75kEBO9H3jNJuX8NkqMTv4UF-zrapBUlsefTP3lkXWh6qM"
            + ".fF0DNrov0zNUNVRCqDV5dw.E2eYOJ5-dnAgiX02-96FNQ";

    private final TrustedFormUrlType trustedFormUrl = new TrustedFormUrlType();

    @Test
    void lowerCasesFortyCharacterIdsAndHost() {
        String raw = "https://CERT.trustedform.com/EB9fC4DD9bED9AD451A5648946CF4BF09B5BB947";
        assertThat(trustedFormUrl.parse(raw)).isEqualTo(value("trustedform_url", raw,
                "https://cert.trustedform.com/" + WEB_ID, true, "cert_id", WEB_ID, "host", "cert.trustedform.com",
                "path", "/EB9fC4DD9bED9AD451A5648946CF4BF09B5BB947"));
    }

    @Test
    void keepsCaseAndEncodingOfDottedIds() {
        String id = "0.vzhYBmGsqsu4ob7u4rWDOX6Gg4OT5SAza1r%2FTYNMJ81Kx%2FFGh2SZGtlZ7KiEg7lEdxi7xLcq.15GK4f1R9Te6Rjd4J85Xng"
                + ".Bdz5CUNsDpelrvmW0L9sQg";
        String raw = "HTTPS://PING.trustedform.com/" + id;
        assertThat(trustedFormUrl.parse(raw)).isEqualTo(value("trustedform_url", raw,
                "https://ping.trustedform.com/" + id, true, "cert_id", id, "host", "ping.trustedform.com", "path", "/" + id));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cert.trustedform.com/" + MOBILE_ID, "ping.trustedform.com/" + PING_ID,
            "cert.staging.trustedform.com/" + WEB_ID, "cert.trustedform-staging.com/" + WEB_ID,
            "ping.staging.trustedform.com/" + PING_ID, "cert.trustedform-dev.com/" + WEB_ID,
            "cert.trustedform.localhost/" + WEB_ID})
    void acceptsCertificatesOfEveryEnvironment(String hostAndId) {
        String raw = "https://" + hostAndId;
        String host = hostAndId.substring(0, hostAndId.indexOf('/'));
        String id = hostAndId.substring(host.length() + 1);
        assertThat(trustedFormUrl.parse(raw)).isEqualTo(value("trustedform_url", raw, raw, true,
                "cert_id", id, "host", host, "path", "/" + id));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://cert.trustedform.com/" + WEB_ID, "https://activeprospect.com/",
            "https://cert.trustedform.com/asdfasdfasdf", "https://cert.trustedform.com/",
            "https://cert.trustedform.com.evil.example/" + WEB_ID, "https://xcert.trustedform.com/" + WEB_ID,
            "https://cert.trustedform.com:8443/" + WEB_ID, "https://cert.trustedform.com/" + WEB_ID + "1",
            "https://cert.trustedform.com/0.", "https://cert.trustedform.com/0..a", "https://cert.trustedform.com/0.a.",
            "https://cert.trustedform.com/1.abc"})
    void rejectsOtherSchemesHostsAndIdFormatsKeepingTheNormalisedUrl(String raw) {
        String normalised = new UrlType().parse(raw).normal().toString();
        assertThat(trustedFormUrl.parse(raw)).isEqualTo(value("trustedform_url", raw, normalised, false));
    }

    @Test
    void keepsTextThatIsNoUrlAsSent() {
        assertThat(trustedFormUrl.parse("https://")).isEqualTo(value("trustedform_url", "https://", "https://", false));
    }
}
