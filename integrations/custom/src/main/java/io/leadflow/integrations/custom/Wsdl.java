package io.leadflow.integrations.custom;

import io.leadflow.integration.IntegrationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What a SOAP call needs from a WSDL 1.1 document: for each service, port and operation the endpoint address, the SOAP
 * version and action, the body element (name and namespace, or the operation name for rpc style), and the schema types
 * of the input and output elements (simple types by their XSD name, complex types as their child elements).
 */
final class Wsdl {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final String SOAP11_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static final String SOAP12_BINDING = "http://schemas.xmlsoap.org/wsdl/soap12/";

    /** An operation as one port of one service offers it. */
    record Operation(String service, String port, String name, String address, String version, String soapAction,
                     String bodyElement, String bodyNamespace, SchemaType input, SchemaType output) {
    }

    /** An XSD type: simple ({@code simple} is its local name, such as {@code string} or {@code int}) or complex. */
    record SchemaType(String simple, List<SchemaElement> children) {

        static final SchemaType ANY = new SchemaType(null, List.of());

        Optional<SchemaElement> child(String name) {
            return children.stream().filter(child -> child.name().equals(name)).findFirst();
        }
    }

    /** An element inside a complex type: its name, whether it repeats, and its type (resolved lazily). */
    record SchemaElement(String name, boolean repeated, Wsdl wsdl, Element definition) {

        SchemaType type() {
            return wsdl.typeOf(definition);
        }
    }

    private final Map<String, Element> elements = new LinkedHashMap<>();
    private final Map<String, Element> complexTypes = new LinkedHashMap<>();
    private final Map<String, String> elementNamespaces = new LinkedHashMap<>();
    private final List<Operation> operations = new ArrayList<>();

    private Wsdl() {
    }

    /** Parses a WSDL document; a document that is not a WSDL is an {@link IntegrationException}. */
    static Wsdl parse(String text) {
        Element definitions = parseXml(text).filter(root -> WSDL.equals(root.getNamespaceURI())
                && "definitions".equals(root.getLocalName()))
                .orElseThrow(() -> new IntegrationException("The WSDL at the URL is not a WSDL 1.1 document"));
        Wsdl wsdl = new Wsdl();
        String targetNamespace = definitions.getAttribute("targetNamespace");
        for (Element types : children(definitions, WSDL, "types")) {
            for (Element schema : children(types, XSD, "schema")) {
                String schemaNamespace = schema.getAttribute("targetNamespace");
                for (Element element : children(schema, XSD, "element")) {
                    wsdl.elements.put(element.getAttribute("name"), element);
                    wsdl.elementNamespaces.put(element.getAttribute("name"), schemaNamespace);
                }
                for (Element type : children(schema, XSD, "complexType")) {
                    wsdl.complexTypes.put(type.getAttribute("name"), type);
                }
            }
        }
        Map<String, Element> messages = byName(definitions, "message");
        Map<String, Element> portTypes = byName(definitions, "portType");
        Map<String, Element> bindings = byName(definitions, "binding");
        for (Element service : children(definitions, WSDL, "service")) {
            for (Element port : children(service, WSDL, "port")) {
                Element binding = bindings.get(localName(port.getAttribute("binding")));
                Element address = firstChild(port, "address").orElse(null);
                if (binding == null || address == null) {
                    continue;
                }
                String version = SOAP12_BINDING.equals(address.getNamespaceURI()) ? "1.2" : "1.1";
                String style = firstChild(binding, "binding").map(b -> b.getAttribute("style")).orElse("");
                Element portType = portTypes.get(localName(binding.getAttribute("type")));
                for (Element operation : children(binding, WSDL, "operation")) {
                    String name = operation.getAttribute("name");
                    String action = firstChild(operation, "operation").map(o -> o.getAttribute("soapAction")).orElse("");
                    wsdl.operations.add(wsdl.operation(service.getAttribute("name"), port.getAttribute("name"), name,
                            address.getAttribute("location"), version, action, "rpc".equals(style),
                            portType, messages, operation, targetNamespace));
                }
            }
        }
        return wsdl;
    }

    /**
     * The operation that {@code function} names, {@code Service.Port.Operation} or just {@code Operation} (then the
     * first port speaking the SOAP version asked for, else the first port); empty when there is none.
     */
    Optional<Operation> find(String function, String version) {
        String[] parts = function.split("\\.");
        if (parts.length == 3) {
            return operations.stream().filter(op -> op.service().equals(parts[0]) && op.port().equals(parts[1])
                    && op.name().equals(parts[2])).findFirst();
        }
        if (parts.length != 1) {
            return Optional.empty();
        }
        List<Operation> named = operations.stream().filter(op -> op.name().equals(function)).toList();
        return named.stream().filter(op -> op.version().equals(version)).findFirst()
                .or(() -> named.stream().findFirst());
    }

    private Operation operation(String service, String port, String name, String address, String version,
                                String action, boolean rpc, Element portType, Map<String, Element> messages,
                                Element bindingOperation, String targetNamespace) {
        Element abstractOperation = portType == null ? null : children(portType, WSDL, "operation").stream()
                .filter(op -> op.getAttribute("name").equals(name)).findFirst().orElse(null);
        Element input = message(abstractOperation, "input", messages);
        Element output = message(abstractOperation, "output", messages);
        if (rpc) {
            String namespace = firstChild(firstChild(bindingOperation, WSDL, "input").orElse(bindingOperation), "body")
                    .map(body -> body.getAttribute("namespace")).filter(ns -> !ns.isEmpty()).orElse(targetNamespace);
            return new Operation(service, port, name, address, version, action, name, namespace,
                    partsType(input), partsType(output));
        }
        Optional<Element> inputElement = firstPartElement(input);
        Optional<Element> outputElement = firstPartElement(output);
        String bodyElement = inputElement.map(e -> e.getAttribute("name")).orElse(name);
        return new Operation(service, port, name, address, version, action, bodyElement,
                elementNamespaces.getOrDefault(bodyElement, targetNamespace),
                inputElement.map(this::typeOf).orElse(SchemaType.ANY),
                outputElement.map(this::typeOf).orElse(SchemaType.ANY));
    }

    private Element message(Element operation, String direction, Map<String, Element> messages) {
        if (operation == null) {
            return null;
        }
        return firstChild(operation, WSDL, direction).map(io -> messages.get(localName(io.getAttribute("message"))))
                .orElse(null);
    }

    private Optional<Element> firstPartElement(Element message) {
        if (message == null) {
            return Optional.empty();
        }
        return children(message, WSDL, "part").stream().map(part -> part.getAttribute("element"))
                .filter(element -> !element.isEmpty()).findFirst()
                .map(element -> elements.get(localName(element)));
    }

    /** An rpc message: a complex type whose children are the message's parts. */
    private SchemaType partsType(Element message) {
        if (message == null) {
            return SchemaType.ANY;
        }
        List<SchemaElement> parts = new ArrayList<>();
        for (Element part : children(message, WSDL, "part")) {
            parts.add(new SchemaElement(part.getAttribute("name"), false, this, part));
        }
        return new SchemaType(null, parts);
    }

    /** The type of an element declaration (or rpc part): its {@code type} attribute, or its inline complex type. */
    SchemaType typeOf(Element declaration) {
        if (declaration == null) {
            return SchemaType.ANY;
        }
        if (declaration.hasAttribute("ref")) {
            return typeOf(elements.get(localName(declaration.getAttribute("ref"))));
        }
        String type = declaration.getAttribute("type");
        if (!type.isEmpty()) {
            Element complex = complexTypes.get(localName(type));
            return complex != null ? complexType(complex, 0) : new SchemaType(localName(type), List.of());
        }
        return firstChild(declaration, XSD, "complexType").map(complex -> complexType(complex, 0))
                .orElse(new SchemaType("string", List.of()));
    }

    private SchemaType complexType(Element complex, int depth) {
        List<SchemaElement> children = new ArrayList<>();
        collectElements(complex, children, depth);
        return new SchemaType(null, children);
    }

    /** Child elements of sequences, alls and choices, including those of an extended base type. */
    private void collectElements(Element node, List<SchemaElement> into, int depth) {
        for (Element child : children(node, XSD, null)) {
            switch (child.getLocalName()) {
                case "element" -> into.add(new SchemaElement(child.hasAttribute("ref")
                        ? localName(child.getAttribute("ref")) : child.getAttribute("name"),
                        "unbounded".equals(child.getAttribute("maxOccurs"))
                                || child.getAttribute("maxOccurs").matches("[2-9]|\\d{2,}"), this, child));
                case "extension" -> {
                    Element base = complexTypes.get(localName(child.getAttribute("base")));
                    if (base != null && depth < 20) {
                        collectElements(base, into, depth + 1);
                    }
                    collectElements(child, into, depth);
                }
                case "sequence", "all", "choice", "complexContent" -> collectElements(child, into, depth);
                default -> {
                    // attributes, annotations and simple content carry no child elements
                }
            }
        }
    }

    private static Map<String, Element> byName(Element definitions, String kind) {
        Map<String, Element> named = new LinkedHashMap<>();
        children(definitions, WSDL, kind).forEach(element -> named.put(element.getAttribute("name"), element));
        return named;
    }

    static String localName(String qualified) {
        return qualified.substring(qualified.indexOf(':') + 1);
    }

    /** Child elements in a namespace (any local name when {@code localName} is null). */
    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && (localName == null || localName.equals(element.getLocalName()))) {
                children.add(element);
            }
        }
        return children;
    }

    private static Optional<Element> firstChild(Element parent, String namespace, String localName) {
        return children(parent, namespace, localName).stream().findFirst();
    }

    /** The first child with this local name in a SOAP binding namespace (1.1 or 1.2). */
    private static Optional<Element> firstChild(Element parent, String localName) {
        return firstChild(parent, SOAP11_BINDING, localName).or(() -> firstChild(parent, SOAP12_BINDING, localName));
    }

    /** A namespace-aware DOM without DTDs or external entities; empty when the text is not well-formed XML. */
    static Optional<Element> parseXml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return Optional.of(builder.parse(new InputSource(new StringReader(text.strip()))).getDocumentElement());
        } catch (SAXException | IOException e) {
            return Optional.empty();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a standard feature", e);
        }
    }
}
