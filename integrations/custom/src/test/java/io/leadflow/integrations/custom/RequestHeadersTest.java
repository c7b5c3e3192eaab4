package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {

    @Test
    void normalisesHeaderValuesAndDropsBlankOnes() {
        Map<String, String> headers = RequestHeaders.custom(vars("""
                {"header": {"X-Phone": {"$type": "phone", "raw": "512-789-1111"},
                            "X-Tags": ["a", "b"],
                            "X-Count": 2.0,
                            "X-Blank": "   ",
                            "X-Empty": "",
                            "X-Null": null,
                            "X-Nested.Part": "dotted names are nested objects, which are dropped",
                            "X-Kept": " padded "}}"""));

        assertThat(headers).isEqualTo(Map.of("X-Phone", "5127891111", "X-Tags", "a, b", "X-Count", "2",
                "X-Kept", " padded "));
    }

    @Test
    void replacesADefaultOfTheSameNameInAnyCaseKeepingItsPlace() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("Content-Type", "application/json; charset=utf-8");
        defaults.put("Accept", RequestHeaders.ACCEPT);

        Map<String, String> merged = RequestHeaders.merge(defaults, vars("""
                {"header": {"X-Api-Key": "k", "content-type": "application/json"}}"""));

        assertThat(List.copyOf(merged.entrySet())).containsExactly(
                Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", RequestHeaders.ACCEPT),
                Map.entry("X-Api-Key", "k"));
    }

    @Test
    void sendsBasicAuthenticationOnlyWithBothUserAndPassword() {
        assertThat(RequestHeaders.basicAuthorization(vars("{\"basic_username\": \"test\"}"))).isEmpty();
        assertThat(RequestHeaders.basicAuthorization(vars("""
                {"basic_username": "tést", "basic_password": "pâss"}"""))).contains("Basic dMOpc3Q6cMOic3M=");
    }
}
