package io.leadflow.intake.inbound;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LeadConduit's inbound examples ({@code conformance/inbound.jsonl}, copied from the shared conformance set: areas
 * {@code inbound.*}, {@code framework.validateRequest} and {@code standard.verbose.response}), and how to read them.
 */
public final class InboundExamples {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private InboundExamples() {
    }

    /** The examples of an area (a prefix such as {@code inbound.request}), each named by area and name. */
    public static Stream<Arguments> of(String areaPrefix) {
        List<Arguments> examples = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                InboundExamples.class.getResourceAsStream("/conformance/inbound.jsonl"), StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank()).map(JSON::readTree)
                    .filter(example -> example.get("area").asString().startsWith(areaPrefix))
                    .forEach(example -> examples.add(argumentSet(
                            example.get("area").asString() + ": " + example.get("name").asString(), example)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples.stream();
    }

    /** An example's request ({@code method, uri, headers, body}) as intake reads one. */
    public static SourceRequest request(JsonNode req) {
        Map<String, String> headers = new LinkedHashMap<>();
        req.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
        String body = req.path("body").asString("");
        return new SourceRequest(req.path("method").asString("GET"), req.path("uri").asString("/"), headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTP answer as the examples write one, header values as text (the examples give Content-Length as a number). */
    public static JsonNode answer(JsonNode expected) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", expected.get("status").asInt());
        Map<String, String> headers = new LinkedHashMap<>();
        expected.get("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
        answer.put("headers", headers);
        if (expected.has("body")) {
            answer.put("body", expected.get("body").asString());
        }
        return JSON.valueToTree(answer);
    }

    /** The answer in the examples' shape; with {@code bodyPrefix} only that much of the body is kept. */
    public static JsonNode answer(HttpAnswer answer, String bodyPrefix) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("status", answer.status());
        shown.put("headers", answer.headers());
        if (bodyPrefix == null) {
            shown.put("body", answer.body());
        }
        return JSON.valueToTree(shown);
    }
}
