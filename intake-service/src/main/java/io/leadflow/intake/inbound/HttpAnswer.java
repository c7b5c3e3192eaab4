package io.leadflow.intake.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What intake answers a source: status, headers in the order they are sent, and the body. */
public record HttpAnswer(int status, Map<String, String> headers, String body) {

    public HttpAnswer {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A refusal as LeadConduit words it: one line of {@code text/plain}. */
    public static HttpAnswer text(int status, String message) {
        return new HttpAnswer(status, Map.of("Content-Type", "text/plain"), message);
    }

    /** The same answer with one more header. */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, more, body);
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
