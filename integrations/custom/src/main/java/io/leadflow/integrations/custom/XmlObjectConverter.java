package io.leadflow.integrations.custom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An XML document as the object LeadConduit appends (xml2js with {@code explicitArray: false}, {@code mergeAttrs},
 * {@code charkey: '#text'}, {@code trim}): root kept, attributes as keys, repeated names as lists, text-only
 * elements as their trimmed text, empty elements as {@code ''}.
 */
final class XmlObjectConverter {

    private static final String TEXT = "#text";

    private XmlObjectConverter() {
    }

    static Map<String, Object> convert(Document document) {
        Element root = document.getDocumentElement();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(root.getNodeName(), value(root));
        return object;
    }

    private static Object value(Element element) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(TEXT, "");
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            assignOrPush(object, attribute.getNodeName(), attribute.getNodeValue());
        }
        StringBuilder text = new StringBuilder();
        boolean cdata = false;
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            switch (child.getNodeType()) {
                case Node.TEXT_NODE -> text.append(child.getNodeValue());
                case Node.CDATA_SECTION_NODE -> {
                    text.append(child.getNodeValue());
                    cdata = true;
                }
                case Node.ELEMENT_NODE -> assignOrPush(object, child.getNodeName(), value((Element) child));
                default -> {
                    // comments and processing instructions are not data
                }
            }
        }
        String blank = null;
        if (!cdata && JsValues.trim(text.toString()).isEmpty()) {
            object.remove(TEXT);
            blank = text.toString();
        } else {
            String trimmed = JsValues.trim(text.toString());
            if (object.size() == 1) {
                return trimmed;
            }
            object.put(TEXT, trimmed);
        }
        return object.isEmpty() ? blank : object;
    }

    /** A repeated name collects its values into a list (a value itself is never a list). */
    @SuppressWarnings("unchecked")
    private static void assignOrPush(Map<String, Object> object, String key, Object value) {
        Object existing = object.get(key);
        if (!object.containsKey(key)) {
            object.put(key, value);
        } else if (existing instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            List<Object> repeated = new ArrayList<>();
            repeated.add(existing);
            repeated.add(value);
            object.put(key, repeated);
        }
    }
}
