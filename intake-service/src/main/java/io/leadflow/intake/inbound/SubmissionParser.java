package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.Refusal;
import io.leadflow.intake.domain.Submission;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a source submitted, the way LeadConduit's default inbound does (reference §3.1): a JSON, form or XML body
 * with the query string merged over it (the query wins), or only the query for a GET or an empty body. Form names
 * with dots nest ({@code a.b=1} gives {@code {a: {b: 1}}}); repeated names in a form or query give lists.
 */
public final class SubmissionParser {

    private static final String SUPPORTED_TYPES =
            "application/x-www-form-urlencoded, application/json, application/xml, text/xml";

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

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final DocumentBuilderFactory xml = secureXmlFactory();

    /** A GET: the query string is the whole submission. */
    public Submission parseQuery(String rawQuery) {
        try {
            return new Submission.Values(pairs(rawQuery, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return malformed("Unable to parse query string -- " + sentence(e.getMessage()));
        }
    }

    /** A POST: the body as its Content-Type says, with the query string merged over it. */
    public Submission parse(String contentType, byte[] body, String rawQuery) {
        Submission query = parseQuery(rawQuery);
        if (!(query instanceof Submission.Values queryValues)) {
            return query;
        }
        Charset charset = charsetOf(contentType);
        String text = new String(body, charset).trim();
        if (text.isEmpty()) {
            return query;
        }
        if (contentType == null || contentType.isBlank()) {
            return new Submission.Unreadable(Refusal.UNSUPPORTED_CONTENT_TYPE, "Content-Type header is required");
        }
        Submission parsed = switch (mimeTypeOf(contentType)) {
            case "application/json" -> parseJson(text);
            case "application/x-www-form-urlencoded" -> parseForm(text, charset);
            case "application/xml", "text/xml" -> parseXml(text);
            default -> new Submission.Unreadable(Refusal.UNSUPPORTED_CONTENT_TYPE,
                    "MIME type in Content-Type header is not supported. Use only " + SUPPORTED_TYPES + ".");
        };
        if (parsed instanceof Submission.Values bodyValues) {
            queryValues.values().forEach((name, value) -> putOver(bodyValues.values(), name, value));
        }
        return parsed;
    }

    private Submission parseJson(String text) {
        try {
            return jsonObject(json.readValue(text, Object.class));
        } catch (JacksonException first) {
            // LeadConduit retries once without control characters, which sources often leave raw inside strings.
            try {
                return jsonObject(json.readValue(text.replaceAll("[\r\n\t]", ""), Object.class));
            } catch (JacksonException e) {
                return malformed("Unable to parse JSON -- " + e.getOriginalMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Submission jsonObject(Object value) {
        if (value instanceof Map<?, ?> object) {
            return new Submission.Values((Map<String, Object>) object);
        }
        return malformed("Unable to parse JSON -- the body must be a JSON object");
    }

    private static Submission parseForm(String text, Charset charset) {
        Map<String, Object> pairs;
        try {
            pairs = pairs(text, charset);
        } catch (IllegalArgumentException e) {
            return malformed("Unable to parse body -- " + sentence(e.getMessage()));
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        for (Map.Entry<String, Object> pair : pairs.entrySet()) {
            String conflict = putNested(nested, pair.getKey(), pair.getValue());
            if (conflict != null) {
                return malformed("Unable to parse body -- " + conflict + " is both a value and a group of values.");
            }
        }
        return new Submission.Values(nested);
    }

    private Submission parseXml(String text) {
        try {
            DocumentBuilder builder = xml.newDocumentBuilder();
            builder.setErrorHandler(RAISE_ERRORS);
            // Already decoded with the Content-Type's charset: read as characters, whatever the declaration says.
            Element root = builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
            return new Submission.Values(xmlElement(root));
        } catch (SAXException | IOException e) {
            return malformed("Body does not contain XML or XML is unparseable -- " + sentence(e.getMessage()));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
    }

    /** The root element is dropped: its attributes and children are the fields; repeated children give lists. */
    private static Map<String, Object> xmlElement(Element element) {
        Map<String, Object> values = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            addRepeatable(values, attribute.getName(), attribute.getValue());
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                boolean hasStructure = child.hasAttributes() || hasChildElement(child);
                addRepeatable(values, child.getTagName(), hasStructure ? xmlElement(child) : child.getTextContent());
            }
        }
        return values;
    }

    private static boolean hasChildElement(Element element) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    /** URL-encoded {@code name=value} pairs in order ({@code +} is a space); a repeated name gives a list. */
    private static Map<String, Object> pairs(String encoded, Charset charset) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        if (encoded == null) {
            return pairs;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
            addRepeatable(pairs, name, value);
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static void addRepeatable(Map<String, Object> values, String name, Object value) {
        Object earlier = values.get(name);
        if (earlier == null) {
            values.put(name, value);
        } else if (earlier instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            values.put(name, new ArrayList<>(List.of(earlier, value)));
        }
    }

    /** Puts a dotted name as nested maps; returns the name that is both a value and a group, or null. */
    @SuppressWarnings("unchecked")
    private static String putNested(Map<String, Object> target, String name, Object value) {
        String[] path = path(name);
        Map<String, Object> parent = target;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = parent.computeIfAbsent(path[i], key -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map<?, ?>)) {
                return String.join(".", Arrays.copyOf(path, i + 1));
            }
            parent = (Map<String, Object>) child;
        }
        if (parent.get(path[path.length - 1]) instanceof Map<?, ?>) {
            return name;
        }
        parent.put(path[path.length - 1], value);
        return null;
    }

    /**
     * Puts a query value over the body: into the body's nested group when the dotted name leads into one, else under
     * the name as it is (as LeadConduit does for query names); either way the query's value wins.
     */
    @SuppressWarnings("unchecked")
    private static void putOver(Map<String, Object> body, String name, Object value) {
        String[] path = path(name);
        Map<String, Object> parent = body;
        int depth = 0;
        while (depth < path.length - 1 && parent.get(path[depth]) instanceof Map<?, ?> group) {
            parent = (Map<String, Object>) group;
            depth++;
        }
        parent.put(String.join(".", Arrays.copyOfRange(path, depth, path.length)), value);
    }

    /** A dotted name split into its parts; a name with an empty part is kept whole. */
    private static String[] path(String name) {
        String[] parts = name.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return new String[] {name};
            }
        }
        return parts;
    }

    private static String mimeTypeOf(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].trim().replace("\"", ""));
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Submission malformed(String message) {
        return new Submission.Unreadable(Refusal.MALFORMED_BODY, message);
    }

    /** A parser's message as the end of a sentence: exactly one final period. */
    private static String sentence(String message) {
        String text = message == null ? "unknown problem" : message.strip();
        return text.endsWith(".") ? text : text + ".";
    }

    private static DocumentBuilderFactory secureXmlFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            // No DTDs, so no external entities and no entity expansion bombs.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
