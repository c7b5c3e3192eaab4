package io.leadflow.integrations.custom;

import io.leadflow.integration.IntegrationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A SOAP response read as node-soap reads it for LeadConduit: a Fault is its fault string; otherwise the children of
 * the response element become the result, typed by the WSDL (booleans, numbers, lists for repeating elements, null
 * for nil or empty elements), and a result value that is itself XML text is parsed into an object.
 */
record SoapResult(String fault, Map<String, Object> values) {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Set<String> INTEGERS = Set.of("int", "integer", "long", "short", "byte", "unsignedInt",
            "unsignedLong", "unsignedShort", "unsignedByte", "nonNegativeInteger", "positiveInteger",
            "negativeInteger", "nonPositiveInteger");
    private static final Set<String> DECIMALS = Set.of("decimal", "double", "float");

    /** The response of an operation whose output has {@code outputType}; not a SOAP envelope: an exception. */
    static SoapResult read(String body, int status, Wsdl.SchemaType outputType) {
        Element envelope = Wsdl.parseXml(body)
                .filter(root -> "Envelope".equals(root.getLocalName()) && isSoap(root.getNamespaceURI()))
                .orElseThrow(() -> new IntegrationException("The SOAP service answered HTTP " + status
                        + " without a SOAP envelope"));
        Element soapBody = Wsdl.children(envelope, envelope.getNamespaceURI(), "Body").stream().findFirst()
                .orElseThrow(() -> new IntegrationException("The SOAP response has no Body"));
        Optional<Element> fault = Wsdl.children(soapBody, envelope.getNamespaceURI(), "Fault").stream().findFirst();
        if (fault.isPresent()) {
            return new SoapResult(faultText(fault.get()), Map.of());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        elementChildren(soapBody).stream().findFirst().ifPresent(wrapper -> {
            Object converted = convert(wrapper, outputType);
            if (converted instanceof Map<?, ?> map) {
                map.forEach((key, value) -> values.put(String.valueOf(key), value));
            }
        });
        values.replaceAll((key, value) -> value instanceof String text && looksLikeXml(text)
                ? XmlDocument.parse(text).<Object>map(document -> document.appended(Map.of())).orElse(text) : value);
        return new SoapResult(null, values);
    }

    private static boolean isSoap(String namespace) {
        return SoapEnvelope.SOAP11.equals(namespace) || SoapEnvelope.SOAP12.equals(namespace);
    }

    /** 1.1 {@code faultstring} (else {@code faultcode}); 1.2 {@code Reason/Text} (else {@code Code/Value}). */
    private static String faultText(Element fault) {
        String text = null;
        String code = null;
        for (Element child : elementChildren(fault)) {
            switch (child.getLocalName()) {
                case "faultstring" -> text = child.getTextContent().trim();
                case "faultcode" -> code = child.getTextContent().trim();
                case "Reason" -> text = elementChildren(child).stream().findFirst()
                        .map(reason -> reason.getTextContent().trim()).orElse(null);
                case "Code" -> code = elementChildren(child).stream().findFirst()
                        .map(value -> value.getTextContent().trim()).orElse(null);
                default -> {
                    // detail and the rest are not shown
                }
            }
        }
        return text != null && !text.isEmpty() ? text : code;
    }

    private static Object convert(Element element, Wsdl.SchemaType type) {
        if ("true".equals(element.getAttributeNS(XSI, "nil"))) {
            return null;
        }
        List<Element> children = elementChildren(element);
        if (children.isEmpty()) {
            String text = element.getTextContent();
            if (text.isEmpty() && element.getAttributes().getLength() == 0) {
                return null;
            }
            return simple(text, type.simple());
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (Element child : children) {
            String name = child.getLocalName();
            Optional<Wsdl.SchemaElement> spec = type.child(name);
            Object value = convert(child, spec.map(Wsdl.SchemaElement::type).orElse(Wsdl.SchemaType.ANY));
            boolean repeated = spec.map(Wsdl.SchemaElement::repeated).orElse(false);
            Object existing = object.get(name);
            if (existing instanceof RepeatedValues values) {
                values.add(value);
            } else if (object.containsKey(name)) {
                RepeatedValues values = new RepeatedValues();
                values.add(existing);
                values.add(value);
                object.put(name, values);
            } else if (repeated) {
                RepeatedValues values = new RepeatedValues();
                values.add(value);
                object.put(name, values);
            } else {
                object.put(name, value);
            }
        }
        object.replaceAll((key, value) -> value instanceof RepeatedValues values ? new ArrayList<>(values) : value);
        return object;
    }

    /** A list this reader builds (a value found in the response is never one). */
    private static final class RepeatedValues extends ArrayList<Object> {
    }

    private static Object simple(String text, String type) {
        if (type == null) {
            return text;
        }
        String trimmed = text.trim();
        try {
            if (type.equals("boolean")) {
                return trimmed.equals("true") || trimmed.equals("1");
            }
            if (INTEGERS.contains(type)) {
                return Long.parseLong(trimmed);
            }
            if (DECIMALS.contains(type)) {
                return JsValues.jsNumber(Double.parseDouble(trimmed));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }

    /** node-soap's test: a string with as many {@code <} as {@code >}, and at least one. */
    private static boolean looksLikeXml(String text) {
        long open = text.chars().filter(c -> c == '<').count();
        return open > 0 && open == text.chars().filter(c -> c == '>').count();
    }

    private static List<Element> elementChildren(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }
}
