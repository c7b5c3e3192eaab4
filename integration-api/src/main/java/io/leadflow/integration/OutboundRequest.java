package io.leadflow.integration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request a module built from its variables; the platform sends it. Header names are canonical
 * ({@code Content-Type}); {@code body} is null for requests without one.
 */
public record OutboundRequest(String method, String url, Map<String, String> headers, String body,
                              boolean followRedirects) {

    public OutboundRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The same request with one more header (replacing one of the same name, in any case). */
    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        copy.put(name, value);
        return new OutboundRequest(method, url, copy, body, followRedirects);
    }
}
