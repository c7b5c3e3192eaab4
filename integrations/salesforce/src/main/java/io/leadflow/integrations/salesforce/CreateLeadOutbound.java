package io.leadflow.integrations.salesforce;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code salesforce.outbound.create_lead}: one record of {@code sobject} (Lead by default) from {@code field.*}, POSTed to
 * a path the platform sends to the OAuth credential's instance URL; the record id is the reference, a 400 is
 * {@code failure} with Salesforce's message, limits, refused sessions and server errors are {@code error}.
 */
public final class CreateLeadOutbound implements HttpOutbound {

    static final String DEFAULT_API_VERSION = "62.0";
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern API_VERSION = Pattern.compile("v?([0-9]{2,3}\\.[0-9])");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<VariableSpec> REQUEST_VARIABLES = List.of(
            VariableSpec.optional("sobject", "string", "Lead", "The sObject to create: Lead, Contact, a custom Object__c, ..."),
            VariableSpec.optional("field.*", "wildcard",
                    "A field of the record by its API name (field.LastName, field.Company, field.Score__c); at least one"),
            VariableSpec.optional("api_version", "string", DEFAULT_API_VERSION, "The REST API version, e.g. 62.0"));

    private static final List<VariableSpec> RESPONSE_VARIABLES = List.of(
            VariableSpec.optional("outcome", "string", "success (record created), failure (record rejected) or error"),
            VariableSpec.optional("reason", "string", "Salesforce's message when the record was rejected or the call failed"),
            VariableSpec.optional("reference", "string", "The id of the new record"),
            VariableSpec.optional("id", "string", "The id of the new record"),
            VariableSpec.optional("error_code", "string",
                    "Salesforce's errorCode: DUPLICATES_DETECTED, REQUIRED_FIELD_MISSING, FIELD_CUSTOM_VALIDATION_EXCEPTION, ..."),
            VariableSpec.optional("error_fields", "array", "The fields Salesforce named in its error"));

    @Override
    public String id() {
        return "salesforce.outbound.create_lead";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return REQUEST_VARIABLES;
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return RESPONSE_VARIABLES;
    }

    @Override
    public Optional<String> validate(Vars vars) {
        String sObject = sObject(vars);
        if (!API_NAME.matcher(sObject).matches()) {
            return Optional.of("sObject must be an API name such as Lead or Loan_Application__c, not '" + sObject + "'");
        }
        if (vars.text("api_version").isPresent() && !API_VERSION.matcher(vars.text("api_version").get()).matches()) {
            return Optional.of("API version must be written like 62.0");
        }
        Map<String, Object> fields = vars.group("field");
        if (fields.isEmpty()) {
            return Optional.of("at least one field.* mapping is required");
        }
        return fields.keySet().stream().filter(name -> !API_NAME.matcher(name).matches()).findFirst()
                .map(name -> "field." + name + " is not a Salesforce field API name");
    }

    @Override
    public OutboundRequest request(Vars vars) {
        Map<String, Object> record = new LinkedHashMap<>();
        vars.group("field").forEach((name, value) -> record.put(name, value instanceof TypedValue typed
                ? typed.outboundValue() : value));
        String version = vars.text("api_version").map(text -> API_VERSION.matcher(text))
                .filter(java.util.regex.Matcher::matches).map(matcher -> matcher.group(1)).orElse(DEFAULT_API_VERSION);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        return new OutboundRequest("POST", "/services/data/v" + version + "/sobjects/" + sObject(vars) + "/", headers,
                JSON.writeValueAsString(record), false);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            answer = null;
        }
        int status = response.status();
        if (status / 100 == 2) {
            if (answer != null && answer.path("id").isString() && answer.path("success").asBoolean(true)) {
                String id = answer.path("id").asString();
                return new IntegrationEvent(Outcome.SUCCESS, null, null, id, Map.of("id", id));
            }
            return IntegrationEvent.of(Outcome.ERROR, "Salesforce answered HTTP " + status + " without the new record's id");
        }
        SalesforceError error = SalesforceError.of(answer);
        Map<String, Object> appended = new LinkedHashMap<>();
        if (error.code() != null) {
            appended.put("error_code", error.code());
        }
        if (!error.fields().isEmpty()) {
            appended.put("error_fields", error.fields());
        }
        if (status == 400 && !error.isLimit()) {
            return new IntegrationEvent(Outcome.FAILURE, error.message("Salesforce rejected the record"), null, null,
                    appended);
        }
        return new IntegrationEvent(Outcome.ERROR, error.message(errorReason(status)), null, null, appended);
    }

    private static String errorReason(int status) {
        return switch (status) {
            case 401 -> "Salesforce refused the session (HTTP 401)";
            case 403 -> "Salesforce refused the request (HTTP 403)";
            case 404 -> "Salesforce has no such sObject or API version (HTTP 404)";
            default -> status >= 500 ? "Salesforce server error (HTTP " + status + ")" : "Salesforce answered HTTP " + status;
        };
    }

    private static String sObject(Vars vars) {
        return vars.text("sobject").map(String::trim).orElse("Lead");
    }
}
