package io.leadflow.intake.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmitPathTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            /flows/demo/sources/web/submit                      | demo    | web  | false | /flows/demo/sources/web/submit          | -
            /flows/demo/sources/web/submit?email=a%40b.c&x=1    | demo    | web  | false | /flows/demo/sources/web/submit          | email=a%40b.c&x=1
            /flows/demo/sources/web/ping?                       | demo    | web  | true  | /flows/demo/sources/web/ping            | ''
            /flows/solar%20us/sources/web%2Fa/submit            | solar us | web/a | false | /flows/solar%20us/sources/web%2Fa/submit | -
            http://example.com:8080/flows/demo/sources/web/submit?a=1 | demo | web | false | /flows/demo/sources/web/submit          | a=1
            /flows/demo/sources/web/submit#top                  | demo    | web  | false | /flows/demo/sources/web/submit          | -
            """)
    void readsTheFlowSourceAndQueryOfASubmitOrPingTarget(String requestTarget, String flowId, String sourceId,
                                                          boolean ping, String path, String rawQuery) {
        SubmitPath.Target target = SubmitPath.target(requestTarget);

        assertThat(SubmitPath.of(target)).isEqualTo(new SubmitPath(flowId, sourceId, ping));
        assertThat(target.path()).isEqualTo(path);
        assertThat(target.rawQuery()).isEqualTo(rawQuery);
        assertThat(target.uri()).isEqualTo(rawQuery == null ? path : path + "?" + rawQuery);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/flows/demo/sources/web/submit/",
            "/flows/demo/sources/web/post",
            "/flows//sources/web/submit",
            "/flows/demo/sources//submit",
            "/flows/demo/source/web/submit",
            "/flows/demo/sources/web",
            "/api/inbound/parse",
            "/actuator/prometheus",
            "//flows/demo/sources/web/submit"})
    void namesNoRouteForOtherTargets(String requestTarget) {
        assertThat(SubmitPath.of(SubmitPath.target(requestTarget))).isNull();
    }

    @ParameterizedTest
    @CsvSource({"false, /flows/{flowId}/sources/{sourceId}/submit", "true, /flows/{flowId}/sources/{sourceId}/ping"})
    void tagsItsTimerWithTheRouteTemplate(boolean ping, String template) {
        assertThat(new SubmitPath("f", "s", ping).template()).isEqualTo(template);
    }
}
