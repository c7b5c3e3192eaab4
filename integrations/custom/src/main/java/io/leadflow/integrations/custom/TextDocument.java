package io.leadflow.integrations.custom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A body read as plain text: paths are regexes whose first capture group is the value; only captures are appended. */
record TextDocument(String text) implements ResponseDocument {

    @Override
    public List<String> searchScope(String path) {
        return List.of(text);
    }

    @Override
    public Object select(String selector) {
        return SearchPattern.compile(selector)
                .map(pattern -> pattern.firstGroup(text))
                .map(JsValues::trim)
                .orElse(null);
    }

    @Override
    public Map<String, Object> appended(Map<String, String> captures) {
        return capture(text, captures);
    }

    /** Each capture's first group in {@code text}, by capture name; a capture that finds nothing is left out. */
    static Map<String, Object> capture(String text, Map<String, String> captures) {
        Map<String, Object> captured = new LinkedHashMap<>();
        captures.forEach((name, regex) -> SearchPattern.compile(regex)
                .map(pattern -> pattern.firstGroup(text))
                .ifPresent(value -> captured.put(name, value)));
        return captured;
    }
}
