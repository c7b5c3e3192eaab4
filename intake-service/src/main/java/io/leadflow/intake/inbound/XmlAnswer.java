package io.leadflow.intake.inbound;

import java.util.List;
import java.util.Map;

/**
 * Writes an answer as LeadConduit's XML answers: {@code <?xml version="1.0"?>}, then {@code <result>} with one element
 * per key, indented by two spaces; a list repeats its element, an empty value is an empty element.
 */
final class XmlAnswer {

    private XmlAnswer() {
    }

    static String write(Map<String, Object> body) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n");
        element(xml, "result", body, 0);
        return xml.substring(0, xml.length() - 1);
    }

    private static void element(StringBuilder xml, String name, Object value, int depth) {
        if (value instanceof List<?> items) {
            items.forEach(item -> element(xml, name, item, depth));
            return;
        }
        String indent = "  ".repeat(depth);
        if (value instanceof Map<?, ?> children) {
            if (children.isEmpty()) {
                xml.append(indent).append('<').append(name).append("/>\n");
                return;
            }
            xml.append(indent).append('<').append(name).append(">\n");
            children.forEach((key, child) -> element(xml, String.valueOf(key), child, depth + 1));
            xml.append(indent).append("</").append(name).append(">\n");
            return;
        }
        String text = value == null ? "" : escape(String.valueOf(value));
        if (text.isEmpty()) {
            xml.append(indent).append('<').append(name).append("/>\n");
        } else {
            xml.append(indent).append('<').append(name).append('>').append(text).append("</").append(name)
                    .append(">\n");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
