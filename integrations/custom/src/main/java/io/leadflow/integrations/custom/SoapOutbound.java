package io.leadflow.integrations.custom;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationException;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code custom.outbound.soap}: reads the WSDL at {@code url}, calls the operation {@code function} with
 * {@code arg.*} (SOAP 1.1 or 1.2, custom SOAP headers, basic, bearer or WS-Security UsernameToken), and reads the
 * result as LeadConduit's SOAP integration does: a Fault is an error with its fault string, anything else is searched
 * for the outcome, reason, price and reference, and the result is appended.
 */
public final class SoapOutbound implements HandleOutbound {

    private static final VariableSpec URL = VariableSpec.required("url", "string", "WSDL URL");
    private static final VariableSpec FUNCTION = VariableSpec.required("function", "string",
            "Name of the SOAP function to call (Operation, or Service.Port.Operation)");
    private static final VariableSpec VERSION = VariableSpec.optional("version", "string", "1.1",
            "SOAP version to use: 1.1 or 1.2");
    private static final VariableSpec BEARER_TOKEN = VariableSpec.optional("bearer_token", "string",
            "HTTP Bearer Token");
    private static final VariableSpec WSS_USERNAME = VariableSpec.optional("wss_username", "string",
            "WS Security user name");
    private static final VariableSpec WSS_PASSWORD = VariableSpec.optional("wss_password", "string",
            "WS Security password");
    private static final VariableSpec WSS_DIGEST_PASSWORD = VariableSpec.optional("wss_digest_password", "boolean",
            "false", "Send the WS Security password as a digest instead of text");
    private static final VariableSpec ARG = VariableSpec.optional("arg.*", "wildcard",
            "Named function argument (dot paths nest; arg.X.attributes.Y sets attribute Y of X)");
    private static final VariableSpec OUTCOME_SEARCH_TERM = VariableSpec.optional("outcome_search_term", "string",
            "Text or /regex/ searched for in the response, in any case");
    private static final VariableSpec OUTCOME_SEARCH_PATH = VariableSpec.optional("outcome_search_path", "string",
            "Narrows the search to the result at this dot path");
    private static final VariableSpec REASON_PATH = VariableSpec.optional("reason_path", "string",
            "The dot path of the failure reason in the result");
    private static final VariableSpec PRICE_PATH = VariableSpec.optional("price_path", "string",
            "The dot path of the price in the result (read on success only)");
    private static final VariableSpec REFERENCE_PATH = VariableSpec.optional("reference_path", "string",
            "The dot path of the recipient's reference in the result");
    private static final VariableSpec DEFAULT_REASON = VariableSpec.optional("default_reason", "string",
            "The reason when reason_path finds nothing");
    private static final VariableSpec SOAP_HEADER = VariableSpec.optional("soap_header.*", "wildcard",
            "Custom SOAP header as Root.child (element) or Root@name (attribute, e.g. Root@xmlns)");
    private static final VariableSpec ROOT_NAMESPACE_PREFIX = VariableSpec.optional("root_namespace_prefix", "string",
            "Namespace prefix for the body element");
    private static final VariableSpec ROOT_XMLNS_NAME = VariableSpec.optional("root_xmlns_attribute_name", "string",
            "xmlns attribute name for the body element (e.g. xmlns:cal)");
    private static final VariableSpec ROOT_XMLNS_VALUE = VariableSpec.optional("root_xmlns_attribute_value", "string",
            "xmlns attribute value for the body element");
    private static final VariableSpec TIMEOUT_SECONDS = VariableSpec.optional("timeout_seconds", "number", "10",
            "Seconds the whole call (WSDL and operation) may take");
    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_.]+$");

    private final RequestValidator validator;

    public SoapOutbound(RequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public String id() {
        return "custom.outbound.soap";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        List<VariableSpec> variables = new ArrayList<>(List.of(URL, FUNCTION, VERSION));
        variables.addAll(RequestHeaders.BASIC_AUTH);
        variables.addAll(List.of(BEARER_TOKEN, WSS_USERNAME, WSS_PASSWORD, WSS_DIGEST_PASSWORD, ARG,
                OUTCOME_SEARCH_TERM, OUTCOME_SEARCH_PATH, ResponseParser.OUTCOME_ON_MATCH, REASON_PATH, PRICE_PATH,
                REFERENCE_PATH, DEFAULT_REASON, SOAP_HEADER, MappingTree.SEND_ASCII, ROOT_NAMESPACE_PREFIX,
                ROOT_XMLNS_NAME, ROOT_XMLNS_VALUE, TIMEOUT_SECONDS));
        return List.copyOf(variables);
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("outcome", "string", "The outcome of the SOAP transaction (default success)"),
                VariableSpec.optional("reason", "string", "If the outcome was a failure, this is the reason"),
                VariableSpec.optional("price", "number", "The price of the lead"),
                VariableSpec.optional("reference", "string", "The recipient's reference for the lead"),
                VariableSpec.optional("*", "wildcard", "The operation's result"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return validator.url(vars)
                .or(() -> validator.outcome(vars))
                .or(() -> function(vars))
                .or(() -> version(vars));
    }

    private static Optional<String> function(Vars vars) {
        String function = text(vars, FUNCTION);
        if (!JsValues.truthy(function)) {
            return Optional.of("Function is required");
        }
        return FUNCTION_NAME.matcher(function).matches() ? Optional.empty()
                : Optional.of("Function must have valid name");
    }

    private static Optional<String> version(Vars vars) {
        String version = text(vars, VERSION);
        if (version == null || JsValues.trim(version).isEmpty()) {
            return Optional.empty();
        }
        String trimmed = JsValues.trim(version);
        return trimmed.equals("1.1") || trimmed.equals("1.2") ? Optional.empty()
                : Optional.of("Must be valid SOAP version: 1.1 or 1.2");
    }

    @Override
    public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
        String version = "1.2".equals(Optional.ofNullable(text(vars, VERSION)).map(JsValues::trim).orElse(null))
                ? "1.2" : "1.1";
        Map<String, String> wsdlHeaders = new LinkedHashMap<>();
        wsdlHeaders.put("Accept", "text/xml, application/xml, */*");
        authorization(vars).ifPresent(value -> wsdlHeaders.put("Authorization", value));
        OutboundRequest wsdlRequest = new OutboundRequest("GET", JsValues.trim(text(vars, URL)), wsdlHeaders, null,
                true);
        CompletableFuture<IntegrationEvent> call = transport.send(wsdlRequest).thenCompose(answer -> {
            if (answer.status() / 100 != 2) {
                throw new IntegrationException("The WSDL could not be read: HTTP " + answer.status());
            }
            Wsdl.Operation operation = Wsdl.parse(answer.body()).find(JsValues.trim(text(vars, FUNCTION)), version)
                    .orElseThrow(() -> new IntegrationException("Unsupported SOAP function specified"));
            OutboundRequest request = request(vars, operation, version);
            return transport.send(request).thenApply(response -> event(vars, operation, response));
        });
        Object timeout = vars.get(TIMEOUT_SECONDS.name());
        if (timeout != null) {
            double seconds = JsValues.toNumber(JsValues.text(timeout));
            if (seconds > 0) {
                long millis = Math.round(seconds * 1000);
                return call.applyToEither(new CompletableFuture<IntegrationEvent>()
                        .completeOnTimeout(null, millis, TimeUnit.MILLISECONDS)
                        .thenApply(nothing -> {
                            throw new IntegrationException("Timed out after " + JsValues.numberText(seconds) + " s");
                        }), event -> event);
            }
        }
        return call;
    }

    private OutboundRequest request(Vars vars, Wsdl.Operation operation, String version) {
        boolean ascii = MappingTree.sendAscii(vars);
        Map<String, Object> normalized = MappingTree.normalize(vars, ARG, ascii);
        Map<String, Object> arguments = new LinkedHashMap<>();
        normalized.forEach((name, value) -> {
            boolean asXmlText = value instanceof Map<?, ?> && operation.input().child(name)
                    .map(child -> "string".equals(child.type().simple())).orElse(false);
            @SuppressWarnings("unchecked")
            Object argument = asXmlText ? XmlBody.write((Map<String, Object>) value) : MappingTree.compact(value);
            if (JsValues.truthy(argument) || argument instanceof Map) {
                arguments.put(name, argument);
            }
        });
        String prefix = text(vars, ROOT_NAMESPACE_PREFIX);
        String xmlnsName = text(vars, ROOT_XMLNS_NAME);
        String xmlnsValue = text(vars, ROOT_XMLNS_VALUE);
        boolean customXmlns = JsValues.truthy(xmlnsName) && JsValues.truthy(xmlnsValue);
        SoapEnvelope.BodyRoot root = new SoapEnvelope.BodyRoot(operation.bodyElement(),
                JsValues.truthy(prefix) ? prefix : null, customXmlns ? xmlnsName : "xmlns",
                customXmlns ? xmlnsValue : operation.bodyNamespace());
        String body = SoapEnvelope.write(version, soapHeaders(vars), usernameToken(vars), root, arguments,
                Instant.now());

        Map<String, String> headers = new LinkedHashMap<>();
        String action = operation.soapAction() == null ? "" : operation.soapAction();
        if (version.equals("1.2")) {
            headers.put("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"");
        } else {
            headers.put("Content-Type", "text/xml; charset=utf-8");
            headers.put("SOAPAction", "\"" + action + "\"");
        }
        authorization(vars).ifPresent(value -> headers.put("Authorization", value));
        return new OutboundRequest("POST", operation.address(), headers, body, false);
    }

    /** Basic (both basic_* set) wins over bearer_token; WS-Security goes in the envelope instead. */
    private static Optional<String> authorization(Vars vars) {
        Optional<String> basic = RequestHeaders.basicAuthorization(vars);
        if (basic.isPresent()) {
            return basic;
        }
        String token = text(vars, BEARER_TOKEN);
        return JsValues.truthy(token) ? Optional.of("Bearer " + token) : Optional.empty();
    }

    private static SoapEnvelope.UsernameToken usernameToken(Vars vars) {
        String username = text(vars, WSS_USERNAME);
        String password = text(vars, WSS_PASSWORD);
        if (RequestHeaders.basicAuthorization(vars).isPresent() || JsValues.truthy(text(vars, BEARER_TOKEN))
                || !JsValues.truthy(username) || !JsValues.truthy(password)) {
            return null;
        }
        return new SoapEnvelope.UsernameToken(username, password, vars.flag(WSS_DIGEST_PASSWORD.name(), false));
    }

    /** {@code soap_header.Root.child…} and {@code soap_header.Root@attribute}, one header element per root. */
    private static List<String> soapHeaders(Vars vars) {
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        Map<String, Map<String, Object>> children = new LinkedHashMap<>();
        vars.group(MappingTree.groupName(SOAP_HEADER)).forEach((path, value) -> {
            Object plain = MappingTree.normalize(value, false);
            int at = path.indexOf('@');
            int dot = path.indexOf('.');
            if (at > 0 && (dot < 0 || at < dot)) {
                String root = path.substring(0, at);
                attributes.computeIfAbsent(root, key -> new LinkedHashMap<>()).put(path.substring(at + 1),
                        JsValues.text(plain));
                children.computeIfAbsent(root, key -> new LinkedHashMap<>());
            } else if (dot > 0) {
                String root = path.substring(0, dot);
                children.computeIfAbsent(root, key -> new LinkedHashMap<>()).put(path.substring(dot + 1), plain);
            }
        });
        List<String> headers = new ArrayList<>();
        children.forEach((root, flat) -> {
            StringBuilder xml = new StringBuilder("<").append(root);
            attributes.getOrDefault(root, Map.of()).forEach((name, value) ->
                    xml.append(' ').append(name).append("=\"").append(SoapEnvelope.escape(value, true)).append('"'));
            xml.append('>');
            Map<String, Object> nested = MappingTree.unflatten(flat);
            appendChildren(nested, xml);
            headers.add(xml.append("</").append(root).append('>').toString());
        });
        return headers;
    }

    private static void appendChildren(Map<String, Object> nested, StringBuilder xml) {
        nested.forEach((name, value) -> {
            xml.append('<').append(name).append('>');
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> child = new LinkedHashMap<>();
                map.forEach((key, item) -> child.put(String.valueOf(key), item));
                appendChildren(child, xml);
            } else {
                xml.append(SoapEnvelope.escape(JsValues.text(value), false));
            }
            xml.append("</").append(name).append('>');
        });
    }

    private static IntegrationEvent event(Vars vars, Wsdl.Operation operation, OutboundResponse response) {
        SoapResult result = SoapResult.read(response.body(), response.status(), operation.output());
        if (result.fault() != null) {
            return IntegrationEvent.of(Outcome.ERROR, result.fault());
        }
        Map<String, Object> values = result.values();
        String searchPath = path(vars, OUTCOME_SEARCH_PATH);
        String scope = searchPath == null ? response.body() : textAt(values, searchPath);
        boolean found = scope != null && SearchPattern.compile(text(vars, OUTCOME_SEARCH_TERM))
                .map(pattern -> pattern.matches(scope.toLowerCase(Locale.ROOT))).orElse(false);
        String onMatch = text(vars, ResponseParser.OUTCOME_ON_MATCH);
        Outcome matchOutcome = JsValues.truthy(onMatch) ? Outcome.fromWireName(JsValues.trim(onMatch)) : Outcome.SUCCESS;
        Outcome outcome = found ? matchOutcome : matchOutcome == Outcome.SUCCESS ? Outcome.FAILURE : Outcome.SUCCESS;

        Object price = null;
        String pricePath = path(vars, PRICE_PATH);
        if (outcome == Outcome.SUCCESS && pricePath != null) {
            price = DotPath.get(values, pricePath);
        }
        String referencePath = path(vars, REFERENCE_PATH);
        Object reference = referencePath == null ? null : DotPath.get(values, referencePath);
        return new IntegrationEvent(outcome, reason(vars, values), JsValues.truthy(price) ? price : 0L,
                reference, values);
    }

    private static String reason(Vars vars, Map<String, Object> values) {
        String reasonPath = path(vars, REASON_PATH);
        Object found = reasonPath == null ? null : DotPath.get(values, reasonPath);
        List<Object> items = found instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        if (found != null && !(found instanceof List)) {
            items.add(found);
        }
        String reason = items.stream().filter(Objects::nonNull).map(item -> JsValues.trim(JsValues.text(item)))
                .filter(text -> !text.isEmpty()).sorted().reduce((a, b) -> a + ", " + b).orElse("");
        if (!reason.isEmpty()) {
            return reason;
        }
        String defaultReason = text(vars, DEFAULT_REASON);
        return defaultReason == null || JsValues.trim(defaultReason).isEmpty() ? null : JsValues.trim(defaultReason);
    }

    /** {@code String(_.get(result, path))}; null when nothing is there. */
    private static String textAt(Map<String, Object> values, String path) {
        Object value = DotPath.get(values, path);
        return value == null ? null : JsValues.text(value);
    }

    private static String path(Vars vars, VariableSpec variable) {
        String path = text(vars, variable);
        return path == null || JsValues.trim(path).isEmpty() ? null : JsValues.trim(path);
    }

    private static String text(Vars vars, VariableSpec variable) {
        return JsValues.string(vars.get(variable.name()));
    }
}
