package io.leadflow.integrations.custom;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import javax.xml.xpath.XPathNodes;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * An XML body queried with XPath 1.0 (namespace-aware, without prefix bindings, as LeadConduit's xpath is). The
 * search path gives each match serialised; selectors give a node's value (text, CDATA, attribute) or its markup.
 */
record XmlDocument(Document document) implements ResponseDocument {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // a warning does not stop parsing
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

    /** The body as XML without loading external DTDs or entities; empty when it is not well-formed. */
    static Optional<ResponseDocument> parse(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.setNamespaceAware(true);
            factory.setCoalescing(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            String xml = body.stripLeading();
            if (xml.startsWith(BYTE_ORDER_MARK)) {
                xml = xml.substring(1).stripLeading();
            }
            return Optional.of(new XmlDocument(builder.parse(new InputSource(new StringReader(xml)))));
        } catch (SAXException | IOException e) {
            return Optional.empty();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a standard feature", e);
        }
    }

    @Override
    public List<String> searchScope(String path) {
        Optional<Object> result = evaluate(path);
        if (result.isEmpty()) {
            return List.of();
        }
        List<String> scope = new ArrayList<>();
        if (result.get() instanceof XPathNodes nodes) {
            nodes.forEach(node -> scope.add(serialize(node)));
        } else {
            scope.add(JsValues.text(result.get()));
        }
        return scope;
    }

    @Override
    public Object select(String selector) {
        Optional<Object> result = evaluate(selector);
        if (result.isEmpty()) {
            return null;
        }
        if (result.get() instanceof XPathNodes nodes) {
            List<Object> values = new ArrayList<>();
            nodes.forEach(node -> values.add(valueOf(node)));
            return values;
        }
        return result.get();
    }

    @Override
    public Map<String, Object> appended(Map<String, String> captures) {
        return XmlObjectConverter.convert(document);
    }

    private Optional<Object> evaluate(String expression) {
        try {
            XPathFactory factory = XPathFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XPathEvaluationResult<?> result = factory.newXPath().evaluateExpression(expression, document);
            Object value = result.value();
            return Optional.ofNullable(value instanceof Double number ? JsValues.jsNumber(number) : value);
        } catch (XPathExpressionException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("The JDK's XPath lacks secure processing", e);
        }
    }

    /** {@code node.nodeValue || node.toString()}: text, CDATA and attribute values as such, elements as markup. */
    private static String valueOf(Node node) {
        String value = node.getNodeValue();
        return value == null || value.isEmpty() ? serialize(node) : value;
    }

    private static String serialize(Node node) {
        return switch (node.getNodeType()) {
            case Node.TEXT_NODE -> escape(node.getNodeValue(), false);
            case Node.CDATA_SECTION_NODE -> "<![CDATA[" + node.getNodeValue() + "]]>";
            case Node.COMMENT_NODE -> "<!--" + node.getNodeValue() + "-->";
            case Node.ATTRIBUTE_NODE -> ((Attr) node).getName() + "=\"" + escape(node.getNodeValue(), true) + "\"";
            default -> markup(node);
        };
    }

    private static String markup(Node node) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialise a parsed XML node", e);
        }
    }

    private static String escape(String text, boolean attribute) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return attribute ? escaped.replace("\"", "&quot;") : escaped;
    }
}
