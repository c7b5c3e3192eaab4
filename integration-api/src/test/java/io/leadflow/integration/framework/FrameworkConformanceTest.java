package io.leadflow.integration.framework;

import static io.leadflow.integration.testing.JsonFixtures.JSON;
import static io.leadflow.integration.testing.JsonFixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The shared helpers against LeadConduit's examples ({@code conformance/framework.jsonl}) and more cases as tables. */
class FrameworkConformanceTest {

    static Stream<Arguments> examples() throws IOException {
        try (InputStream in = FrameworkConformanceTest.class.getResourceAsStream("/conformance/framework.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                    .map(JSON::readTree)
                    .map(example -> Arguments.of(example.get("area").asString() + " " + example.get("name").asString(),
                            example.get("input"), example.get("expected")))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @SuppressWarnings("unchecked")
    void behavesAsLeadConduitsExamples(String example, JsonNode input, JsonNode expected) {
        Object actual;
        if (example.startsWith("framework.parseFullname")) {
            actual = asMap(FullName.parse(input.get("fullname").asString()));
        } else if (example.startsWith("framework.stripMetadata")) {
            actual = DeliverableLead.strip((Map<String, Object>) plain(input.get("vars")), List.of());
        } else {
            JsonNode request = input.get("req");
            Map<String, String> headers = new LinkedHashMap<>();
            request.get("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
            List<String> mimeTypes = new ArrayList<>();
            input.get("mimeTypes").values().forEach(type -> mimeTypes.add(type.asString()));
            actual = InboundRequestCheck.check(request.get("method").asString(), headers, mimeTypes, null).orElseThrow();
        }
        assertThat(JSON.readTree(JSON.writeValueAsString(actual))).as(example).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            salutation and suffix     | Dr. Martin Luther King Jr. | Dr.  | Martin | Luther   | King          | Jr.
            middle names              | Anna Maria Louisa Smith    | ''   | Anna   | Maria Louisa | Smith     | ''
            particles in last name    | Ludwig van Beethoven       | ''   | Ludwig | ''       | van Beethoven | ''
            two particles             | Juan de la Cruz            | ''   | Juan   | ''       | de la Cruz    | ''
            last name first           | Smith, John Paul           | ''   | John   | Paul     | Smith         | ''
            suffix after a comma      | John Smith, III            | ''   | John   | ''       | Smith         | III
            one word                  | Cher                       | ''   | Cher   | ''       | ''            | ''
            blank                     | '   '                      | ''   | ''     | ''       | ''            | ''
            """)
    void splitsAFullNameIntoItsParts(String problem, String fullname, String salutation, String first, String middle,
                                     String last, String suffix) {
        assertThat(FullName.parse(fullname)).isEqualTo(new FullName(salutation, first, middle, last, suffix));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GET not allowed           | GET  | application/json | ''         | 415 The GET method is not allowed
            other method allowed      | PUT  | application/json | PUT        | ''
            unsupported type          | POST | text/plain       | ''         | 415 MIME type in Content-Type header is not supported. Use only application/json, application/xml
            parameters ignored        | POST | application/xml; charset=utf-8 | '' | ''
            """)
    void checksAnInboundRequest(String problem, String method, String contentType, String methods, String refusal) {
        Optional<InboundRequestCheck.Refusal> result = InboundRequestCheck.check(method,
                Map.of("content-type", contentType), List.of("application/json", "application/xml"),
                methods.isEmpty() ? null : List.of(methods));

        assertThat(result.map(r -> r.status() + " " + r.body()).orElse("")).isEqualTo(refusal);
    }

    @org.junit.jupiter.api.Test
    void dropsExtraNamesOnlyAsWholeWords() {
        Map<String, Object> vars = Map.of("cc", "x@example.com", "accept", "yes", "lead", Map.of("email", "a@b.c"));

        assertThat(DeliverableLead.strip(vars, List.of("cc"))).isEqualTo(Map.of("accept", "yes", "email", "a@b.c"));
    }

    private static Map<String, Object> asMap(FullName name) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("salutation", name.salutation());
        map.put("first_name", name.firstName());
        map.put("middle_name", name.middleName());
        map.put("last_name", name.lastName());
        map.put("suffix", name.suffix());
        return map;
    }
}
