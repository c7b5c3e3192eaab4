package io.leadflow.intake.inbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How intake answers a request: the content type negotiated from its {@code Accept} header, the {@code redir_url}
 * to send the source on to (303), and whether it is a ping (200, a bid instead of a lead).
 */
public record AnswerFormat(String contentType, String redirectUrl, boolean ping) {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    /** What intake can answer in; on a tie the earlier wins, so {@code *}/{@code *} gets JSON. */
    static final List<String> ANSWER_TYPES = List.of(JSON, "application/xml", "text/xml", FORM);

    static final HttpAnswer NOT_ACCEPTABLE =
            HttpAnswer.text(406, "Not capable of generating content according to the Accept header");
    static final HttpAnswer INVALID_REDIRECT = HttpAnswer.text(400, "Invalid redir_url");

    /** The format for a request, or the refusal (406, 400) LeadConduit gives when there is none. */
    static Negotiated of(SourceRequest request) {
        String accept = request.header("Accept");
        Optional<String> type = accept == null || accept.isBlank() ? Optional.of(JSON)
                : MediaRanges.bestMatch(ANSWER_TYPES, accept);
        if (type.isEmpty()) {
            return new Negotiated(null, NOT_ACCEPTABLE);
        }
        Object redirect = QueryString.parse(request.rawQuery(), StandardCharsets.UTF_8).get("redir_url");
        String redirectUrl = redirect instanceof List<?> values ? String.valueOf(values.get(0)) : (String) redirect;
        if (redirectUrl != null && !isAbsoluteHttpUrl(redirectUrl)) {
            return new Negotiated(null, INVALID_REDIRECT);
        }
        return new Negotiated(new AnswerFormat(type.get(), redirectUrl, request.isPing()), null);
    }

    /** XML answers for the XML types; JSON otherwise (LeadConduit labels JSON with a negotiated form type too). */
    boolean xml() {
        return contentType.endsWith("/xml");
    }

    /** A format, or the answer that refuses the request. */
    record Negotiated(AnswerFormat format, HttpAnswer refusal) {
    }

    private static boolean isAbsoluteHttpUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
