package io.leadflow.integrations.custom;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * An HTML body queried with CSS selectors: the search path gives each match's inner HTML, selectors its text or,
 * with a trailing {@code @attr}, that attribute; only captures (run on the serialised document) are appended.
 */
record HtmlDocument(Document document) implements ResponseDocument {

    /** LeadConduit's pattern, kept as is: the attribute name needs two characters and stops after one hyphen. */
    private static final Pattern ATTRIBUTE =
            Pattern.compile("\\s*@([a-z_:]+[-a-z0-9_:.]\\]?)", Pattern.CASE_INSENSITIVE);
    /** What an HTML fragment parser drops before the first node: a doctype, html/head/body start tags, end tags. */
    private static final Pattern DROPPED_PREFIX = Pattern.compile(
            "(?:<!doctype[^>]*>|<(?:html|head|body)(?=[\\s/>])[^>]*>|</[a-z][^>]*>)*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NODE_START = Pattern.compile("<[a-zA-Z!?]");
    /** jQuery's {@code :contains('text')} takes a quoted text, jsoup's {@code :contains(text)} a bare one. */
    private static final Pattern QUOTED_CONTAINS = Pattern.compile(":contains\\((['\"])(.*?)\\1\\)");
    /** A jQuery position filter at the end of a selector, which applies to the whole selection (cheerio has them). */
    private static final Pattern POSITION = Pattern.compile(":(?:(first|last|even|odd)|(eq|gt|lt)\\((-?\\d+)\\))$");

    /**
     * The body as HTML when, parsed as a fragment (as cheerio's {@code parseHTML} does), its first node is an element
     * or comment; a body that starts with text, even whitespace (a newline after the doctype), is searched as text.
     */
    static Optional<ResponseDocument> parse(String body) {
        Matcher dropped = DROPPED_PREFIX.matcher(body);
        dropped.lookingAt();
        if (!NODE_START.matcher(body).region(dropped.end(), body.length()).lookingAt()) {
            return Optional.empty();
        }
        Document document = Jsoup.parse(body);
        document.outputSettings().prettyPrint(false);
        return Optional.of(new HtmlDocument(document));
    }

    @Override
    public List<String> searchScope(String path) {
        return elements(path).stream().map(Element::html).toList();
    }

    @Override
    public Object select(String selector) {
        Matcher attribute = ATTRIBUTE.matcher(selector);
        if (attribute.find()) {
            String name = attribute.group(1);
            return elements(attribute.replaceFirst("")).stream()
                    .filter(element -> element.hasAttr(name))
                    .map(element -> element.attr(name))
                    .toList();
        }
        return elements(selector).stream().map(Element::wholeText).toList();
    }

    @Override
    public Map<String, Object> appended(Map<String, String> captures) {
        return TextDocument.capture(document.outerHtml(), captures);
    }

    /** The elements a selector matches, in document order; trailing jQuery position filters pick among them. */
    private List<Element> elements(String selector) {
        Matcher position = POSITION.matcher(selector);
        if (position.find() && position.start() > 0) {
            return byPosition(elements(selector.substring(0, position.start())), position);
        }
        try {
            Elements elements = document.select(QUOTED_CONTAINS.matcher(selector).replaceAll(":contains($2)"));
            elements.remove(document);
            return elements;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static List<Element> byPosition(List<Element> elements, Matcher position) {
        int size = elements.size();
        String filter = position.group(1) != null ? position.group(1) : position.group(2);
        int index = position.group(3) == null ? 0 : Integer.parseInt(position.group(3));
        int from = index < 0 ? index + size : index;
        return IntStream.range(0, size)
                .filter(i -> switch (filter) {
                    case "first" -> i == 0;
                    case "last" -> i == size - 1;
                    case "even" -> i % 2 == 0;
                    case "odd" -> i % 2 == 1;
                    case "eq" -> i == from;
                    case "gt" -> i > from;
                    default -> i < from;
                })
                .mapToObj(elements::get)
                .toList();
    }
}
