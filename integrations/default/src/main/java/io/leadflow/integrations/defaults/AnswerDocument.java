package io.leadflow.integrations.defaults;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other flow's answer as an object: JSON as it is, XML without its root element (attributes merged, repeated
 * elements as lists, text-only elements as text). An answer that does not parse is an empty object.
 */
final class AnswerDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SUPPORTED = List.of("application/json", "application/xml", "text/xml");

    private AnswerDocument() {
    }

    /** The supported MIME type the Content-Type names (parameters and case ignored; {@code * /*} means JSON). */
    static Optional<String> supportedMimeType(String contentType) {
        String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (essence.equals("*/*") || essence.equals("application/*")) {
            return Optional.of("application/json");
        }
        if (essence.equals("text/*")) {
            return Optional.of("text/xml");
        }
        return SUPPORTED.contains(essence) ? Optional.of(essence) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String body, String mimeType) {
        if (mimeType.equals("application/json")) {
            try {
                Object value = JSON.readValue(body, Object.class);
                return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            } catch (JacksonException e) {
                return Map.of();
            }
        }
        return xml(body);
    }

    private static Map<String, Object> xml(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            Element root = builder.parse(new InputSource(new StringReader(body.strip()))).getDocumentElement();
            Object value = value(root);
            Map<String, Object> object = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, child) -> object.put(String.valueOf(key), child));
            }
            return object;
        } catch (SAXException | IOException e) {
            return Map.of();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a standard feature", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object value(Element element) {
        Map<String, Object> object = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            object.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        StringBuilder text = new StringBuilder();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element childElement) {
                Object childValue = value(childElement);
                Object existing = object.get(child.getNodeName());
                if (existing == null && !object.containsKey(child.getNodeName())) {
                    object.put(child.getNodeName(), childValue);
                } else if (existing instanceof List<?> list) {
                    ((List<Object>) list).add(childValue);
                } else {
                    List<Object> repeated = new ArrayList<>();
                    repeated.add(existing);
                    repeated.add(childValue);
                    object.put(child.getNodeName(), repeated);
                }
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        if (object.isEmpty()) {
            return text.toString().strip();
        }
        if (!text.toString().isBlank()) {
            object.put("_", text.toString().strip());
        }
        return object;
    }
}
