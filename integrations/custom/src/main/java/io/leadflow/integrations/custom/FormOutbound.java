package io.leadflow.integrations.custom;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code custom.outbound.form}: posts {@code form_field.*} URL-encoded (dotted names kept, lists as repeated names)
 * and reads the response with the custom response rules.
 */
public final class FormOutbound implements HttpOutbound {

    private static final VariableSpec ENCODE_FORM_FIELD_NAMES = VariableSpec.optional("encode_form_field_names",
            "boolean", "true", "Whether form field names are URL-encoded (values always are)");
    private static final VariableSpec FORM_FIELD = VariableSpec.optional("form_field.*", "wildcard",
            "Form field name (dots stay in the name; numeric last segments repeat it)");
    private static final VariableSpec FOLLOW_REDIRECTS = VariableSpec.optional("follow_redirects", "boolean", "false",
            "Follow redirects");
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

    private final RequestValidator validator;
    private final ResponseParser responseParser;

    public FormOutbound(RequestValidator validator, ResponseParser responseParser) {
        this.validator = validator;
        this.responseParser = responseParser;
    }

    @Override
    public String id() {
        return "custom.outbound.form";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return Stream.of(
                        List.of(RequestValidator.URL),
                        RequestHeaders.BASIC_AUTH,
                        List.of(ENCODE_FORM_FIELD_NAMES, FORM_FIELD, FOLLOW_REDIRECTS, MappingTree.SEND_ASCII,
                                RequestHeaders.HEADER),
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
                .or(() -> validator.headers(vars, "form-urlencoded"));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        Map<String, Object> fields = FormParameters.fields(vars, FORM_FIELD, MappingTree.sendAscii(vars));
        String body = QueryString.stringify(fields, vars.flag(ENCODE_FORM_FIELD_NAMES.name(), true));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("Accept", RequestHeaders.ACCEPT);
        RequestHeaders.basicAuthorization(vars).ifPresent(value -> headers.put("Authorization", value));
        return new OutboundRequest("POST", JsValues.string(vars.get(RequestValidator.URL.name())),
                RequestHeaders.merge(headers, vars), body, vars.flag(FOLLOW_REDIRECTS.name(), false));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return responseParser.parse(vars, response);
    }
}
