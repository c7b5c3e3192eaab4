package io.leadflow.integration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer to an {@link OutboundRequest}: status, headers (a name may repeat, as Set-Cookie does) and body text. */
public record OutboundResponse(int status, Map<String, List<String>> headers, String body) {

    public OutboundResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /** All values of a header, by name in any case. */
    public List<String> headerValues(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .toList();
    }

    /** The first value of a header, by name in any case; null when absent. */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
