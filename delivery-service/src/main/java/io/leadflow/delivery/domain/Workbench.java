package io.leadflow.delivery.domain;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.FieldTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The integration workbench: any module of the catalog tried on variables written as JSON, without sending anything.
 * References ({@code ${env:…}}, {@code ${secret:…}}) are never resolved: they stay in the output as written.
 */
public final class Workbench {

    private final IntegrationCatalog integrations;

    public Workbench(IntegrationCatalog integrations) {
        this.integrations = integrations;
    }

    /** A request the workbench cannot answer; the message says why. */
    public static final class WorkbenchException extends RuntimeException {

        private final boolean unknownModule;

        WorkbenchException(String message, boolean unknownModule) {
            super(message);
            this.unknownModule = unknownModule;
        }

        public boolean unknownModule() {
            return unknownModule;
        }
    }

    /** Packages, their modules, and each module's request and response variables. */
    public Map<String, Object> catalog() {
        Map<String, List<Map<String, Object>>> packages = new LinkedHashMap<>();
        for (IntegrationModule module : integrations.modules()) {
            String packageName = module.id().substring(0, module.id().indexOf('.'));
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("id", module.id());
            description.put("kind", module instanceof HandleOutbound ? "handle" : "request_response");
            description.put("requestVariables", variables(module.requestVariables()));
            description.put("responseVariables", variables(module.responseVariables()));
            packages.computeIfAbsent(packageName, name -> new ArrayList<>()).add(description);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        packages.forEach((name, modules) -> list.add(Map.of("name", name, "modules", modules)));
        return Map.of("packages", list);
    }

    /** The request the module would build: method, url, headers, body (null when none), followRedirects. */
    public Map<String, Object> request(String moduleId, Map<String, Object> vars) {
        OutboundRequest request = httpModule(moduleId).request(typed(vars));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("method", request.method());
        shown.put("url", request.url());
        shown.put("headers", request.headers());
        shown.put("body", request.body());
        shown.put("followRedirects", request.followRedirects());
        return shown;
    }

    /** The event, flat, that the module makes of this response. */
    public Map<String, Object> response(String moduleId, Map<String, Object> vars, int status,
                                        Map<String, List<String>> headers, String body) {
        HttpOutbound module = httpModule(moduleId);
        Vars typed = typed(vars);
        return module.response(typed, null, new OutboundResponse(status, headers, body)).toFlatMap();
    }

    /** The module's validation message, if any. */
    public Optional<String> validate(String moduleId, Map<String, Object> vars) {
        return module(moduleId).validate(typed(vars));
    }

    private IntegrationModule module(String moduleId) {
        return integrations.find(moduleId)
                .orElseThrow(() -> new WorkbenchException("Unknown integration " + moduleId, true));
    }

    private HttpOutbound httpModule(String moduleId) {
        IntegrationModule module = module(moduleId);
        if (module instanceof HttpOutbound http) {
            return http;
        }
        throw new WorkbenchException(moduleId + " does its own I/O (its requests depend on the recipient's answers), "
                + "so the workbench can only validate its variables", false);
    }

    private static List<Map<String, Object>> variables(List<VariableSpec> specs) {
        List<Map<String, Object>> variables = new ArrayList<>();
        for (VariableSpec spec : specs) {
            Map<String, Object> variable = new LinkedHashMap<>();
            variable.put("name", spec.name());
            variable.put("type", spec.type());
            variable.put("required", spec.required());
            variable.put("default", spec.defaultValue());
            variable.put("description", spec.description());
            variables.add(variable);
        }
        return variables;
    }

    /** Variables from JSON: {@code {"$type": "phone", "raw": "…"}} is that raw value parsed as that type. */
    @SuppressWarnings("unchecked")
    static Vars typed(Map<String, Object> vars) {
        return Vars.of((Map<String, Object>) typedValue(vars == null ? Map.of() : vars));
    }

    private static Object typedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("$type")) {
                String type = String.valueOf(map.get("$type"));
                if (FieldTypes.find(type).isEmpty()) {
                    throw new WorkbenchException("Unknown field type " + type, false);
                }
                Object raw = map.get("raw");
                return raw == null ? null : FieldTypes.parse(type, raw);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), typedValue(child)));
            return copy;
        }
        if (value instanceof List<?> items) {
            return items.stream().map(Workbench::typedValue).toList();
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        return value;
    }
}
