package io.leadflow.intake.inbound;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an XML body as LeadConduit does (xml2js without the root, attributes merged, single elements not in lists):
 * the root element is dropped, its attributes and children are the fields, repeated children give lists, and an
 * element with attributes keeps its text under {@code _}. No DTD, so no external or expanding entities; at most 32
 * levels of elements.
 */
final class XmlLead {

    static final int MAX_DEPTH = 32;

    private static final ErrorHandler RAISE_ERRORS = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private final DocumentBuilderFactory factory = secureFactory();

    /** The fields, or an exception whose message says why the text is no XML this reads. */
    Map<String, Object> read(String text) throws XmlException {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(RAISE_ERRORS);
            // Already decoded with the Content-Type's charset: read as characters, whatever the declaration says.
            Element root = builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
            return element(root, 1);
        } catch (SAXException | IOException e) {
            throw new XmlException(e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
    }

    private static Map<String, Object> element(Element element, int depth) throws XmlException {
        if (depth > MAX_DEPTH) {
            throw new XmlException("elements are nested more than " + MAX_DEPTH + " levels deep");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            QueryString.addRepeatable(values, attribute.getName(), attribute.getValue());
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                QueryString.addRepeatable(values, child.getTagName(), value(child, depth + 1));
            }
        }
        return values;
    }

    private static Object value(Element element, int depth) throws XmlException {
        boolean hasChildElements = false;
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            hasChildElements |= children.item(i).getNodeType() == Node.ELEMENT_NODE;
        }
        if (!hasChildElements && !element.hasAttributes()) {
            return element.getTextContent();
        }
        Map<String, Object> values = element(element, depth);
        String text = directText(element);
        if (!text.isBlank()) {
            values.put("_", text);
        }
        return values;
    }

    private static String directText(Element element) {
        StringBuilder text = new StringBuilder();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            // No DTDs, so no external entities and no entity expansion bombs.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    /** The text is no XML this reads; the message is the parser's. */
    static final class XmlException extends Exception {
        XmlException(String message) {
            super(message);
        }
    }
}
