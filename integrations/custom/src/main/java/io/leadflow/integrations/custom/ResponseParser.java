package io.leadflow.integrations.custom;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a recipient's response into an event exactly as LeadConduit's custom integrations do: 5xx is an error,
 * anything else is parsed by MIME type and searched for the outcome, reason, price, reference and appended data.
 */
public final class ResponseParser {

    private static final VariableSpec OUTCOME_SEARCH_TERM = VariableSpec.optional("outcome_search_term", "string",
            "Text or /regex/flags searched for in the response, in any case; when absent every response succeeds");
    private static final VariableSpec OUTCOME_SEARCH_PATH = VariableSpec.optional("outcome_search_path", "string",
            "Narrows the search: dot path (JSON), XPath (XML) or CSS selector (HTML); default the whole body");
    static final VariableSpec OUTCOME_ON_MATCH = VariableSpec.optional("outcome_on_match", "string", "success",
            "The outcome when the term is found (success, failure or error); the other way round when not");
    private static final VariableSpec REASON_PATH = VariableSpec.optional("reason_path", "string",
            "Dot path, XPath, CSS selector (sel @attr for an attribute) or regex with one capture group");
    private static final VariableSpec DEFAULT_REASON = VariableSpec.optional("default_reason", "string",
            "The reason when reason_path finds nothing, whatever the outcome");
    private static final VariableSpec PRICE_PATH = VariableSpec.optional("price_path", "string",
            "Like reason_path, for the price; the first match");
    private static final VariableSpec FALLBACK_PRICE = VariableSpec.optional("fallback_price", "string", "0",
            "The price when price_path finds nothing");
    private static final VariableSpec REFERENCE_PATH = VariableSpec.optional("reference_path", "string",
            "Like reason_path, for the recipient's reference");
    private static final VariableSpec CAPTURE = VariableSpec.optional("capture.*", "wildcard",
            "Named regex with one capture group, applied to text and HTML responses; appended under its name");
    private static final VariableSpec RESPONSE_CONTENT_TYPE_OVERRIDE = VariableSpec.optional(
            "response_content_type_override", "string",
            "Parse the response as this MIME type instead of its Content-Type");
    private static final VariableSpec COOKIE_SEARCH_TERM = VariableSpec.optional("cookie_search_term", "string",
            "Text or regex picking a Set-Cookie header (the first in sort order) into cookie");

    static final List<VariableSpec> VARIABLES = List.of(OUTCOME_SEARCH_TERM, OUTCOME_SEARCH_PATH, OUTCOME_ON_MATCH,
            REASON_PATH, DEFAULT_REASON, PRICE_PATH, FALLBACK_PRICE, REFERENCE_PATH, CAPTURE,
            RESPONSE_CONTENT_TYPE_OVERRIDE, COOKIE_SEARCH_TERM);

    static final List<VariableSpec> RESPONSE_VARIABLES = List.of(
            VariableSpec.optional("outcome", "string", "The outcome of the delivery (default success)"),
            VariableSpec.optional("reason", "string", "Why, from reason_path or default_reason"),
            VariableSpec.optional("cookie", "string", "The full Set-Cookie header matched by cookie_search_term"),
            VariableSpec.optional("price", "number", "The price of the lead, from price_path or fallback_price"),
            VariableSpec.optional("reference", "string", "The recipient's reference for the lead"),
            VariableSpec.optional("*", "wildcard", "The parsed JSON or XML response, or the capture.* values"));

    private static final String SERVER_ERROR = "Server error";

    public IntegrationEvent parse(Vars vars, OutboundResponse response) {
        // LeadConduit's test, status % 500 in [0, 100), is 500-599 for every real status
        int serverError = response.status() % 500;
        if (serverError >= 0 && serverError < 100) {
            return IntegrationEvent.of(Outcome.ERROR, SERVER_ERROR);
        }
        String contentTypeOverride = variable(vars, RESPONSE_CONTENT_TYPE_OVERRIDE);
        ResponseDocument document = ResponseDocument.parse(response.body(),
                JsValues.truthy(contentTypeOverride) ? contentTypeOverride : response.header("Content-Type"));

        Outcome outcome = outcome(vars, document, response.body());
        Object price = firstText(document, path(vars, PRICE_PATH));
        String reason = reason(vars, document);
        Object reference = select(document, path(vars, REFERENCE_PATH));

        Map<String, Object> appended = new LinkedHashMap<>(document.appended(captures(vars)));
        cookie(vars, response).ifPresent(cookie -> appended.put("cookie", cookie));
        if (!JsValues.truthy(reason) && appended.get("reason") instanceof String appendedReason) {
            reason = appendedReason;
        }
        if (!JsValues.truthy(reference)) {
            reference = appended.get("reference");
        }
        return new IntegrationEvent(outcome, JsValues.truthy(reason) ? reason : null, price(vars, price), reference,
                appended);
    }

    /**
     * No term and no outcome_on_match: success. Otherwise the term (absent: {@code .*}) is looked for in the raw body,
     * or in what the search path selects; found gives outcome_on_match, not found its inverse.
     */
    private static Outcome outcome(Vars vars, ResponseDocument document, String body) {
        String term = variable(vars, OUTCOME_SEARCH_TERM);
        String onMatch = variable(vars, OUTCOME_ON_MATCH);
        if (!JsValues.truthy(term) && !JsValues.truthy(onMatch)) {
            return Outcome.SUCCESS;
        }
        Outcome matchOutcome = onMatchOutcome(onMatch);
        String searchPath = path(vars, OUTCOME_SEARCH_PATH);
        List<String> scope = searchPath == null ? List.of(body) : document.searchScope(searchPath);
        boolean found = SearchPattern.compile(term)
                .map(pattern -> scope.stream()
                        .map(candidate -> JsValues.trim(candidate).toLowerCase(Locale.ROOT))
                        .filter(candidate -> !candidate.isEmpty())
                        .anyMatch(pattern::matches))
                .orElse(false);
        if (found) {
            return matchOutcome;
        }
        return matchOutcome == Outcome.SUCCESS ? Outcome.FAILURE : Outcome.SUCCESS;
    }

    private static Outcome onMatchOutcome(String onMatch) {
        if (onMatch == null || JsValues.trim(onMatch).isEmpty()) {
            return Outcome.SUCCESS;
        }
        Outcome outcome = Outcome.fromWireName(JsValues.trim(onMatch));
        if (outcome == null || outcome == Outcome.SKIP) {
            throw new IllegalArgumentException("outcome_on_match '" + onMatch + "' was not validated");
        }
        return outcome;
    }

    /** Every match trimmed, blanks dropped, sorted and joined with ", "; else default_reason trimmed. */
    private static String reason(Vars vars, ResponseDocument document) {
        String reason = items(select(document, path(vars, REASON_PATH))).stream()
                .map(ResponseParser::extractText)
                .filter(Objects::nonNull)
                .map(JsValues::trim)
                .filter(text -> !text.isEmpty())
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        if (!reason.isEmpty()) {
            return reason;
        }
        String defaultReason = variable(vars, DEFAULT_REASON);
        return defaultReason == null ? null : JsValues.trim(defaultReason);
    }

    /** The first match as text ({@code 1.5} gives {@code "1.5"}); null when it is falsy ({@code 0}, blank). */
    private static Object firstText(ResponseDocument document, String selector) {
        List<Object> matches = items(select(document, selector));
        return matches.isEmpty() ? null : extractText(matches.get(0));
    }

    /** The price found, else fallback_price as given, else the number 0. */
    private static Object price(Vars vars, Object found) {
        if (JsValues.truthy(found)) {
            return found;
        }
        Object fallback = vars.get(FALLBACK_PRICE.name());
        if (fallback instanceof TypedValue typed) {
            fallback = typed.outboundValue();
        }
        return JsValues.truthy(fallback) ? fallback : 0L;
    }

    private static Optional<String> cookie(Vars vars, OutboundResponse response) {
        if (vars.get(COOKIE_SEARCH_TERM.name()) == null) {
            return Optional.empty();
        }
        Optional<SearchPattern> pattern = SearchPattern.compile(variable(vars, COOKIE_SEARCH_TERM));
        List<String> cookies = new ArrayList<>(response.headerValues("Set-Cookie"));
        cookies.sort(null);
        return pattern.flatMap(regex -> cookies.stream()
                .filter(cookie -> regex.matches(cookie.toLowerCase(Locale.ROOT)))
                .findFirst());
    }

    private static Map<String, String> captures(Vars vars) {
        Map<String, String> captures = new LinkedHashMap<>();
        vars.group(MappingTree.groupName(CAPTURE)).forEach((name, regex) -> captures.put(name, JsValues.string(regex)));
        return captures;
    }

    private static Object select(ResponseDocument document, String selector) {
        return selector == null ? null : document.select(selector);
    }

    /** A selection as a list: a list as it is, nothing as empty, one value as one item. */
    private static List<Object> items(Object selection) {
        if (selection instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        List<Object> items = new ArrayList<>();
        if (selection != null) {
            items.add(selection);
        }
        return items;
    }

    /** A falsy match is nothing; anything else is its text ({@code 42} gives {@code "42"}). */
    private static String extractText(Object value) {
        return JsValues.truthy(value) ? JsValues.text(value) : null;
    }

    /** A path variable trimmed; null when absent or blank. */
    private static String path(Vars vars, VariableSpec variable) {
        String path = variable(vars, variable);
        return path == null || JsValues.trim(path).isEmpty() ? null : JsValues.trim(path);
    }

    private static String variable(Vars vars, VariableSpec variable) {
        return JsValues.string(vars.get(variable.name()));
    }
}
