package io.leadflow.integrations.custom;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code custom.outbound.query}: a GET with {@code parameter.*} appended to the URL after a {@code ?} (always added,
 * even to a URL that has a query), following redirects by default; the response is read with the custom rules.
 */
public final class QueryOutbound implements HttpOutbound {

    private static final VariableSpec PARAMETER = VariableSpec.optional("parameter.*", "wildcard",
            "Query parameter name (dots stay in the name; numeric last segments repeat it)");
    private static final VariableSpec FOLLOW_REDIRECTS = VariableSpec.optional("follow_redirects", "boolean", "true",
            "Follow redirects");
    /** A GET has no body, so any Content-Type header is refused (the pattern matches no real media type). */
    private static final String NO_CONTENT_TYPE = "No_Content_Type_allowed_for_GET";

    private final RequestValidator validator;
    private final ResponseParser responseParser;

    public QueryOutbound(RequestValidator validator, ResponseParser responseParser) {
        this.validator = validator;
        this.responseParser = responseParser;
    }

    @Override
    public String id() {
        return "custom.outbound.query";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return Stream.of(
                        List.of(RequestValidator.URL, PARAMETER),
                        RequestHeaders.BASIC_AUTH,
                        List.of(FOLLOW_REDIRECTS, MappingTree.SEND_ASCII, RequestHeaders.HEADER),
                        ResponseParser.VARIABLES)
                .flatMap(List::stream)
                .toList();
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return ResponseParser.RESPONSE_VARIABLES;
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return validator.url(vars)
                .or(() -> validator.outcome(vars))
                .or(() -> validator.headers(vars, NO_CONTENT_TYPE));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        Map<String, Object> parameters = FormParameters.fields(vars, PARAMETER, MappingTree.sendAscii(vars));
        String url = JsValues.string(vars.get(RequestValidator.URL.name()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", RequestHeaders.ACCEPT);
        RequestHeaders.basicAuthorization(vars).ifPresent(value -> headers.put("Authorization", value));
        return new OutboundRequest("GET", url == null ? null : url + "?" + QueryString.stringify(parameters),
                RequestHeaders.merge(headers, vars), null, vars.flag(FOLLOW_REDIRECTS.name(), true));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return responseParser.parse(vars, response);
    }
}
