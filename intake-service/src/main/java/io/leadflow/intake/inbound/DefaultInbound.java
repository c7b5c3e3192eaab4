package io.leadflow.intake.inbound;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * LeadConduit's default inbound ({@code default.inbound.submit}, reference §3.1): reads what a source submitted from
 * its request, or refuses it with LeadConduit's status and words. GET submits the query; a POST with a body submits
 * its JSON, form or XML with the query merged over it (the query wins). Form names with dots nest, repeated names
 * give lists, TrustedForm's field names are normalised, and JSON that does not parse is retried without CR, LF and TAB.
 */
public final class DefaultInbound {

    static final List<String> BODY_TYPES =
            List.of("application/x-www-form-urlencoded", "application/json", "application/xml", "text/xml");
    static final int MAX_NESTING = 32;

    private static final Set<String> METHODS = Set.of("GET", "POST");
    private static final String TRUSTEDFORM_CERT_URL = "trustedform_cert_url";

    private final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final XmlLead xml = new XmlLead();

    /** What a request submits, or why it is refused. */
    public sealed interface Read {
    }

    /** The submitted values (nested maps, lists for repeated names) and how to answer. */
    public record Submitted(Map<String, Object> values, AnswerFormat format) implements Read {
    }

    /** The request is refused with this answer, before any lead exists. */
    public record Refused(HttpAnswer answer) implements Read {
    }

    /** The answer to a method other than GET and POST. */
    public static HttpAnswer methodNotAllowed(String method) {
        return HttpAnswer.text(405, "The " + method.toUpperCase(Locale.ROOT) + " method is not allowed")
                .withHeader("Allow", "GET, POST");
    }

    /**
     * Reads the request; {@code hiddenQueryNames} are query parameters that are not lead data (a source's API key
     * parameter) and are dropped.
     */
    public Read read(SourceRequest request, Set<String> hiddenQueryNames) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            return new Refused(methodNotAllowed(method));
        }
        AnswerFormat.Negotiated negotiated = AnswerFormat.of(request);
        if (negotiated.refusal() != null) {
            return new Refused(negotiated.refusal());
        }
        boolean ping = negotiated.format().ping();
        Map<String, Object> query = QueryString.parse(request.rawQuery(), StandardCharsets.UTF_8);
        hiddenQueryNames.forEach(query::remove);
        if (method.equals("GET") || !expectsBody(request)) {
            return new Submitted(trustedForm(query, ping), negotiated.format());
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            return new Refused(HttpAnswer.text(415, "Content-Type header is required"));
        }
        String mimeType = mimeTypeOf(contentType);
        if (!BODY_TYPES.contains(mimeType)) {
            return new Refused(HttpAnswer.text(406, "MIME type in Content-Type header is not supported. Use only "
                    + String.join(", ", BODY_TYPES) + "."));
        }
        Charset charset = charsetOf(contentType);
        String text = new String(request.body(), charset).strip();
        if (text.isEmpty()) {
            return new Submitted(trustedForm(query, ping), negotiated.format());
        }
        Map<String, Object> body;
        try {
            body = switch (mimeType) {
                case "application/json" -> parseJson(text);
                case "application/x-www-form-urlencoded" -> FormBody.unflatten(QueryString.parse(text, charset));
                default -> xml.read(text);
            };
        } catch (Unreadable e) {
            return new Refused(HttpAnswer.text(400, e.getMessage()));
        } catch (XmlLead.XmlException e) {
            return new Refused(HttpAnswer.text(400, "Body does not contain XML or XML is unparseable -- "
                    + sentence(e.getMessage())));
        }
        return new Submitted(mergeOver(trustedForm(body, ping), trustedForm(query, ping)), negotiated.format());
    }

    private Map<String, Object> parseJson(String text) throws Unreadable {
        Object value;
        try {
            value = json.readValue(text, Object.class);
        } catch (JacksonException first) {
            // LeadConduit retries once without control characters, which sources often leave raw inside strings.
            try {
                value = json.readValue(text.replaceAll("[\r\n\t]", ""), Object.class);
            } catch (JacksonException e) {
                throw new Unreadable("Unable to parse JSON -- " + e.getOriginalMessage());
            }
        }
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new Unreadable("Unable to parse JSON -- the body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /** A body is expected when the request says how long it is or that it comes in chunks. */
    private static boolean expectsBody(SourceRequest request) {
        String encoding = request.header("Transfer-Encoding");
        return request.header("Content-Length") != null
                || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /**
     * TrustedForm's field names, in any case: {@code xxTrustedFormCertUrl} becomes {@code trustedform_cert_url};
     * ping URLs ({@code xxTrustedFormPingUrl}, {@code trustedform_ping_url}) are dropped, or on a ping become the
     * cert URL (preferred over one sent as such).
     */
    static Map<String, Object> trustedForm(Map<String, Object> values, boolean ping) {
        if (values.keySet().stream().noneMatch(DefaultInbound::isTrustedFormName)) {
            return values;
        }
        Map<String, Object> normalised = new LinkedHashMap<>();
        Object pingUrl = null;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            if (name.equalsIgnoreCase("xxTrustedFormCertUrl")) {
                normalised.put(TRUSTEDFORM_CERT_URL, entry.getValue());
            } else if (name.equalsIgnoreCase("xxTrustedFormPingUrl") || name.equalsIgnoreCase("trustedform_ping_url")) {
                pingUrl = entry.getValue();
            } else {
                normalised.put(name, entry.getValue());
            }
        }
        if (ping && pingUrl != null) {
            normalised.put(TRUSTEDFORM_CERT_URL, pingUrl);
        }
        return normalised;
    }

    private static boolean isTrustedFormName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("xxtrustedformcerturl") || lower.equals("xxtrustedformpingurl")
                || lower.equals("trustedform_ping_url");
    }

    /** The query merged over the body: groups (maps) merge deeply, any other query value replaces the body's. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeOver(Map<String, Object> body, Map<String, Object> query) {
        if (query.isEmpty()) {
            return body;
        }
        Map<String, Object> merged = new LinkedHashMap<>(body);
        query.forEach((name, value) -> {
            Object under = merged.get(name);
            merged.put(name, under instanceof Map<?, ?> group && value instanceof Map<?, ?> over
                    ? mergeOver((Map<String, Object>) group, (Map<String, Object>) over) : value);
        });
        return merged;
    }

    private static String mimeTypeOf(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The charset a Content-Type names, UTF-8 when it names none (or one this JVM does not know). */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A parser's message as the end of a sentence: exactly one final period. */
    static String sentence(String message) {
        String text = message == null ? "unknown problem" : message.strip();
        return text.endsWith(".") ? text : text + ".";
    }

    /** The body cannot be read; the message is the whole answer. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }
}
