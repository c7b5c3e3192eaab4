package io.leadflow.intake.domain;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who submits, as far as a source's guard needs to know: the address the connection came from, the request's headers
 * (by case-insensitive name) and its query parameters (a value, or a list for a repeated name).
 */
public record Caller(InetAddress connectedFrom, Map<String, String> headers, Map<String, Object> query) {

    public Caller {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = Collections.unmodifiableMap(byName);
        query = Map.copyOf(query);
    }

    String header(String name) {
        return headers.get(name);
    }
}
