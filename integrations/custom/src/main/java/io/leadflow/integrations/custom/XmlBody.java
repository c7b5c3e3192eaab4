package io.leadflow.integrations.custom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XML document built from {@code xml_path.*}, as LeadConduit's {@code xml-doc} and xmlbuilder make it: dot paths
 * to elements, {@code @name} attributes, {@code #text} text, numeric segments repeating an element; pretty-printed
 * with two spaces after {@code <?xml version="1.0"?>}.
 */
final class XmlBody {

    static final String DECLARATION = "<?xml version=\"1.0\"?>";
    private static final String INDENT = "  ";

    private XmlBody() {
    }

    private record Element(String name, Map<String, String> attributes, List<Object> children) {
    }

    private record Text(String escaped) {
    }

    private record CData(String data) {
    }

    /** The document for a normalised {@code xml_path} tree; only the declaration when the tree is empty. */
    static String write(Map<String, Object> normalized) {
        Map<String, Object> tree = elementTree(normalized);
        if (tree.isEmpty()) {
            return DECLARATION;
        }
        List<Element> roots = new ArrayList<>();
        tree.forEach((name, value) -> {
            if (!name.startsWith("@") && !name.startsWith("#")) {
                roots.addAll(elements(name, value));
            }
        });
        StringBuilder out = new StringBuilder(DECLARATION).append('\n');
        if (!roots.isEmpty()) {
            // xmlbuilder keeps only the last element created at the top level as the document's root
            render(roots.get(roots.size() - 1), 0, out);
        }
        return out.substring(0, out.length() - 1);
    }

    /**
     * xml-doc: every path without {@code @} or {@code #} gets {@code #text} appended, the first {@code @}/{@code #}
     * becomes a path segment of its own, and the paths are nested again (and compacted).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> elementTree(Map<String, Object> normalized) {
        Map<String, Object> paths = new LinkedHashMap<>();
        MappingTree.flatten(normalized, false).forEach((path, value) -> {
            String decorated = path.contains("@") || path.contains("#") ? path : path + "#text";
            paths.put(decorated.replaceFirst("([@#])", ".$1"), value);
        });
        return (Map<String, Object>) MappingTree.compact(MappingTree.unflatten(paths));
    }

    private static List<Element> elements(String name, Object value) {
        List<Element> elements = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> elements.addAll(elements(name, item)));
            return elements;
        }
        Element element = new Element(name, new LinkedHashMap<>(), new ArrayList<>());
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = JsValues.inPropertyOrder((Map<String, Object>) map);
            object.forEach((key, child) -> addMember(element, key, child));
        } else if (value != null) {
            element.children().add(new Text(escapeText(JsValues.text(value))));
        }
        elements.add(element);
        return elements;
    }

    private static void addMember(Element element, String key, Object value) {
        if (key.startsWith("@")) {
            if (value != null) {
                element.attributes().put(key.substring(1), escapeAttribute(JsValues.text(value)));
            }
        } else if (key.startsWith("#text")) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((childKey, child) -> addMember(element, String.valueOf(childKey), child));
            } else if (value != null) {
                element.children().add(new Text(escapeText(JsValues.text(value))));
            }
        } else if (key.startsWith("#cdata")) {
            if (value != null) {
                element.children().add(new CData(JsValues.text(value)));
            }
        } else {
            element.children().addAll(elements(key, value));
        }
    }

    private static void render(Element element, int level, StringBuilder out) {
        String space = INDENT.repeat(level);
        out.append(space).append('<').append(element.name());
        element.attributes().forEach((name, value) ->
                out.append(' ').append(name).append("=\"").append(value).append('"'));
        List<Object> children = element.children();
        if (children.stream().allMatch(child -> child instanceof Text text && text.escaped().isEmpty())) {
            out.append("/>\n");
        } else if (children.size() == 1 && children.get(0) instanceof Text text) {
            out.append('>').append(text.escaped()).append("</").append(element.name()).append(">\n");
        } else {
            out.append(">\n");
            for (Object child : children) {
                if (child instanceof Element nested) {
                    render(nested, level + 1, out);
                } else if (child instanceof Text text) {
                    out.append(INDENT.repeat(level + 1)).append(text.escaped()).append('\n');
                } else if (child instanceof CData cdata) {
                    out.append(INDENT.repeat(level + 1)).append("<![CDATA[").append(cdata.data()).append("]]>\n");
                }
            }
            out.append(space).append("</").append(element.name()).append(">\n");
        }
    }

    private static String escapeText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#xD;");
    }

    private static String escapeAttribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;")
                .replace("\t", "&#x9;").replace("\n", "&#xA;").replace("\r", "&#xD;");
    }
}
