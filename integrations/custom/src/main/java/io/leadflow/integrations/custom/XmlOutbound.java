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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code custom.outbound.xml}: posts the XML document built from {@code xml_path.*} (or stuffed into a form
 * parameter) and reads the response with the custom response rules.
 */
public final class XmlOutbound implements HttpOutbound {

    private static final VariableSpec METHOD = VariableSpec.optional("method", "string", "POST",
            "HTTP method: POST, PUT or PATCH");
    private static final VariableSpec XML_PATH = VariableSpec.optional("xml_path.*", "wildcard",
            "Element path in dot notation from the root; @name sets an attribute, #text the text, numbers repeat");
    private static final VariableSpec XML_PARAMETER = VariableSpec.optional("xml_parameter", "string",
            "Send form-encoded instead, with the XML document in this parameter");
    private static final VariableSpec EXTRA_PARAMETER = VariableSpec.optional("extra_parameter.*", "wildcard",
            "With xml_parameter: more form parameters, sent after the XML");
    private static final VariableSpec FOLLOW_REDIRECTS = VariableSpec.optional("follow_redirects", "boolean", "false",
            "Follow redirects");
    private static final List<String> METHODS = List.of("POST", "PUT", "PATCH");
    private static final String CONTENT_TYPE = "text/xml";

    private final RequestValidator validator;
    private final ResponseParser responseParser;

    public XmlOutbound(RequestValidator validator, ResponseParser responseParser) {
        this.validator = validator;
        this.responseParser = responseParser;
    }

    @Override
    public String id() {
        return "custom.outbound.xml";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return Stream.of(
                        List.of(RequestValidator.URL, METHOD),
                        RequestHeaders.BASIC_AUTH,
                        List.of(XML_PATH, XML_PARAMETER, EXTRA_PARAMETER, FOLLOW_REDIRECTS, MappingTree.SEND_ASCII,
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
                .or(() -> validator.method(vars, METHOD, METHODS))
                .or(() -> validator.outcome(vars))
                .or(() -> validator.headers(vars, "xml"));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        String body = XmlBody.write(MappingTree.normalize(vars, XML_PATH, MappingTree.sendAscii(vars)));
        String contentType = CONTENT_TYPE;
        String parameter = JsValues.string(vars.get(XML_PARAMETER.name()));
        if (JsValues.truthy(parameter)) {
            body = FormParameters.stuffed(parameter, body, FormParameters.fields(vars, EXTRA_PARAMETER, false));
            contentType = FormParameters.CONTENT_TYPE;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Accept", RequestHeaders.ACCEPT);
        RequestHeaders.basicAuthorization(vars).ifPresent(value -> headers.put("Authorization", value));
        headers.put("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        String method = JsValues.string(vars.get(METHOD.name()));
        return new OutboundRequest(JsValues.truthy(method) ? method.toUpperCase(Locale.ROOT) : "POST",
                JsValues.string(vars.get(RequestValidator.URL.name())),
                RequestHeaders.merge(headers, vars), body, vars.flag(FOLLOW_REDIRECTS.name(), false));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return responseParser.parse(vars, response);
    }
}
