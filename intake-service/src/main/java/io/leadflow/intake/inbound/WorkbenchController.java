package io.leadflow.intake.inbound;

import io.leadflow.intake.config.IntakeProperties;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake workbench: parse a value with a field type, read a source's request, or render the answer to one,
 * exactly as intake would, without creating a lead. Never resolves a secret reference. Behind the admin token when
 * one is configured (service-kit's {@code AdminTokenFilter}).
 */
@RestController
public class WorkbenchController {

    private static final List<String> JSON_ONLY = List.of("application/json");
    private static final List<String> POST_ONLY = List.of("POST");

    private final JsonMapper json = JsonMapper.builder().build();
    private final DefaultInbound inbound;
    private final InboundAnswers answers;
    private final int maxBodyBytes;

    public WorkbenchController(DefaultInbound inbound, InboundAnswers answers, IntakeProperties properties) {
        this.inbound = inbound;
        this.answers = answers;
        this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
    }

    /** {@code {"value": <any JSON value>}} to {@code {"normal", "raw", "valid", <components>}}. */
    @RequestMapping("/api/types/{type}/parse")
    public Mono<ResponseEntity<byte[]>> parseType(@PathVariable String type, ServerHttpRequest request) {
        return call(request, input -> {
            if (FieldTypes.find(type).isEmpty()) {
                return error(404, "Unknown field type '" + type + "' (known: " + String.join(", ", FieldTypes.names())
                        + ")");
            }
            if (!input.containsKey("value")) {
                return error(400, "Send {\"value\": <any JSON value>}");
            }
            return ok(normalised(FieldTypes.parse(type, input.get("value"))));
        });
    }

    /** A source's request to {@code {"lead": {…}}} (the fields before typing) or {@code {"http_error": {…}}}. */
    @RequestMapping("/api/inbound/parse")
    public Mono<ResponseEntity<byte[]>> parseInbound(ServerHttpRequest request) {
        return call(request, input -> {
            SourceRequest sourceRequest = sourceRequest(input);
            DefaultInbound.Read read = inbound.read(sourceRequest, Set.of());
            if (read instanceof DefaultInbound.Submitted submitted) {
                return ok(Map.of("lead", submitted.values()));
            }
            return ok(Map.of("http_error", answer(((DefaultInbound.Refused) read).answer())));
        });
    }

    /** {@code {"request", "vars", "fields"}} to the {@code {"status", "headers", "body"}} intake would answer. */
    @RequestMapping("/api/inbound/respond")
    public Mono<ResponseEntity<byte[]>> respond(ServerHttpRequest request) {
        return call(request, input -> {
            if (!(input.get("request") instanceof Map<?, ?>) || !(input.get("vars") instanceof Map<?, ?> vars)) {
                return error(400, "Send {\"request\": {…}, \"vars\": {…}, \"fields\": [optional field ids]}");
            }
            AnswerFormat.Negotiated negotiated = AnswerFormat.of(sourceRequest(mapAt(input, "request")));
            if (negotiated.refusal() != null) {
                return ok(answer(negotiated.refusal()));
            }
            List<String> fields = input.get("fields") instanceof List<?> ids
                    ? ids.stream().map(String::valueOf).toList() : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) vars;
            return ok(answer(answers.render(negotiated.format(), values, fields, 201)));
        });
    }

    private Mono<ResponseEntity<byte[]>> call(ServerHttpRequest request, Handler handler) {
        return RequestBodies.read(request, maxBodyBytes).map(body -> {
            SourceRequest asSent = SourceRequest.of(request, SourceRequest.headersOf(request), body);
            Optional<HttpAnswer> invalid = RequestValidation.validate(asSent, JSON_ONLY, POST_ONLY);
            if (invalid.isPresent()) {
                return http(invalid.get());
            }
            Object input;
            try {
                input = json.readValue(body, Object.class);
            } catch (JacksonException e) {
                return error(400, "The body is not JSON: " + e.getOriginalMessage());
            }
            if (!(input instanceof Map<?, ?> map)) {
                return error(400, "The body must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return handler.handle(object);
        }).onErrorResume(DataBufferLimitException.class,
                tooLarge -> Mono.just(error(413, "Request body is larger than " + maxBodyBytes + " bytes")));
    }

    /** A parsed value as LeadConduit's {@code normalize} shows it: normal, raw (when kept), valid, components. */
    static Map<String, Object> normalised(TypedValue value) {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (value == null) {
            shown.put("normal", null);
            return shown;
        }
        shown.put("normal", value.normal());
        if (value.raw() != null) {
            shown.put("raw", value.raw());
        }
        shown.put("valid", value.valid());
        shown.putAll(value.components());
        return shown;
    }

    private static SourceRequest sourceRequest(Map<String, Object> input) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
        }
        SourceRequest headersOnly = new SourceRequest(String.valueOf(input.getOrDefault("method", "GET")),
                String.valueOf(input.getOrDefault("uri", "/")), headers, null);
        Object body = input.get("body");
        byte[] bytes = body == null ? new byte[0]
                : String.valueOf(body).getBytes(DefaultInbound.charsetOf(headersOnly.header("Content-Type")));
        return new SourceRequest(headersOnly.method(), headersOnly.uri(), headers, bytes);
    }

    private static Map<String, Object> answer(HttpAnswer answer) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("status", answer.status());
        shown.put("headers", answer.headers());
        shown.put("body", answer.body());
        return shown;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> input, String key) {
        return (Map<String, Object>) input.get(key);
    }

    private ResponseEntity<byte[]> ok(Object body) {
        return json(200, body);
    }

    private ResponseEntity<byte[]> error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    private ResponseEntity<byte[]> json(int status, Object body) {
        return http(new HttpAnswer(status, Map.of("Content-Type", "application/json"),
                json.writeValueAsString(body)));
    }

    private static ResponseEntity<byte[]> http(HttpAnswer answer) {
        HttpHeaders headers = new HttpHeaders();
        answer.headers().forEach(headers::set);
        return ResponseEntity.status(answer.status()).headers(headers).body(answer.bodyBytes());
    }

    @FunctionalInterface
    private interface Handler {
        ResponseEntity<byte[]> handle(Map<String, Object> input);
    }
}
