package io.leadflow.integrations.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.testing.JsonFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code suppressionlist.*} example of the shared conformance set ({@code conformance/suppressionlist.jsonl}),
 * run against the suppression modules: all of them apply to Leadflow's own lists.
 */
class SuppressionConformanceTest {

    static final IntegrationCatalog CATALOG = IntegrationCatalog.load(
            new IntegrationSettings(false, "http://127.0.0.1:8081", null));

    static Stream<Arguments> examples() throws IOException {
        try (InputStream in = SuppressionConformanceTest.class.getResourceAsStream("/conformance/suppressionlist.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(JsonFixtures.JSON::readTree)
                    .map(example -> Arguments.of(example.get("area").asString() + ": " + example.get("name").asString(),
                            example))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void behavesAsTheReference(String name, JsonNode example) {
        String area = example.get("area").asString();
        JsonNode input = example.get("input");
        JsonNode expected = example.get("expected");
        switch (area) {
            case "suppressionlist.validate" -> {
                for (String module : List.of("query_item", "add_item", "delete_item", "is_unique")) {
                    assertThat(CATALOG.find("suppression.outbound." + module).orElseThrow()
                            .validate(JsonFixtures.vars(input.get("vars"))))
                            .as(module).contains(expected.get("error").asString());
                }
            }
            case "suppressionlist.query_item.response", "suppressionlist.add_item.response",
                 "suppressionlist.delete_item.response" -> {
                String module = area.split("\\.")[1];
                HttpOutbound outbound = (HttpOutbound) CATALOG.find("suppression.outbound." + module).orElseThrow();
                IntegrationEvent event = outbound.response(JsonFixtures.vars("{}"), null,
                        JsonFixtures.response(input.get("res")));
                assertThat(JsonFixtures.json(event.appended())).isEqualTo(expected);
                Map<?, ?> data = (Map<?, ?>) event.appended().get(module);
                assertThat(event.outcome().wireName()).isEqualTo(data.get("outcome"));
            }
            default -> throw new AssertionError("No runner for " + area);
        }
    }
}
