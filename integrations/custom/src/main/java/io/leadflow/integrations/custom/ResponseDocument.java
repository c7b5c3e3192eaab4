package io.leadflow.integrations.custom;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response body parsed by its MIME type, as LeadConduit's {@code mime-content} does: JSON (and form-urlencoded)
 * to an object, XML to a DOM with XPath, HTML to a DOM with CSS selectors, anything else, or a body that does not
 * parse, to its text.
 */
sealed interface ResponseDocument permits JsonDocument, XmlDocument, HtmlDocument, TextDocument, ScalarDocument {

    /** The texts the outcome search term is looked for in, at this search path (before trimming and lower-casing). */
    List<String> searchScope(String path);

    /** What a reason, price or reference path selects: one value, a list of values, or null for nothing. */
    Object select(String selector);

    /** The data appended to the lead; {@code captures} (name to regex) apply to text and HTML documents only. */
    Map<String, Object> appended(Map<String, String> captures);

    /** The body parsed as {@code contentType} says ({@code text/plain} when absent); only type/subtype counts. */
    static ResponseDocument parse(String body, String contentType) {
        return switch (mimeType(contentType)) {
            case "application/xml", "text/xml" -> XmlDocument.parse(body).orElseGet(() -> new TextDocument(body));
            case "application/json" -> JsonDocument.parse(body).orElseGet(() -> new TextDocument(body));
            case "application/x-www-form-urlencoded" -> new JsonDocument(QueryString.parse(body));
            case "text/html" -> HtmlDocument.parse(body).orElseGet(() -> new TextDocument(body));
            default -> new TextDocument(body);
        };
    }

    private static String mimeType(String contentType) {
        String type = contentType == null || contentType.isEmpty() ? "text/plain" : contentType;
        String essence = JsValues.trim(type.split(";", -1)[0]);
        if ("*".equals(essence)) {
            essence = "*/*";
        }
        String[] parts = essence.split("/", -1);
        String mime = parts[0] + "/" + (parts.length > 1 ? parts[1] : "");
        return JsValues.trim(mime).toLowerCase(Locale.ROOT);
    }
}
