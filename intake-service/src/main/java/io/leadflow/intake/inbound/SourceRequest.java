package io.leadflow.intake.inbound;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A source's HTTP request as the default inbound reads it (LeadConduit's {@code req}): method, URI (path and query),
 * headers by case-insensitive name (repeated headers joined with commas) and the body's bytes.
 */
public record SourceRequest(String method, String uri, Map<String, String> headers, byte[] body) {

    public SourceRequest {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            byName.putAll(headers);
        }
        headers = Collections.unmodifiableMap(byName);
        body = body == null ? new byte[0] : body;
    }

    /** The request as intake received it, with its headers as {@link #headersOf} gave them. */
    static SourceRequest of(ServerHttpRequest request, Map<String, String> headers, byte[] body) {
        String query = request.getURI().getRawQuery();
        String uri = request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        return new SourceRequest(request.getMethod().name(), uri, headers, body);
    }

    /** A request's headers in the order sent, a repeated header's values joined with commas. */
    static Map<String, String> headersOf(ServerHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return headers;
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The URI's path, without the query. */
    public String path() {
        int question = uri.indexOf('?');
        return question < 0 ? uri : uri.substring(0, question);
    }

    /** The URI's query as sent (still encoded), or null when there is none. */
    public String rawQuery() {
        int question = uri.indexOf('?');
        return question < 0 ? null : uri.substring(question + 1);
    }

    /** A ping (real-time bid request): the path ends in {@code /ping}, whatever the query says. */
    public boolean isPing() {
        return path().endsWith("/ping");
    }
}
