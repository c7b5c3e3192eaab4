package io.leadflow.integrations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.FieldTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** {@code salesforce.outbound.create_lead}: validation, the request, and Salesforce's documented answers as tables. */
class CreateLeadOutboundTest {

    private static final CreateLeadOutbound MODULE = new CreateLeadOutbound();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Vars vars(Map<String, ?> paths) {
        return Vars.fromPaths(paths);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a Lead                    | -                 | LastName  | -     | -
            a custom object           | Loan_Application__c | Amount__c | -   | -
            no field                  | -                 | -         | -     | at least one field.* mapping is required
            an sObject that is a path | Lead/../Account   | LastName  | -     | sObject must be an API name such as Lead or Loan_Application__c, not 'Lead/../Account'
            a field that is no name   | -                 | Last Name | -     | field.Last Name is not a Salesforce field API name
            an API version            | -                 | LastName  | v61.0 | -
            a bad API version         | -                 | LastName  | 61    | API version must be written like 62.0
            """)
    void validatesTheObjectFieldsAndVersion(String problem, String sObject, String field, String version, String message) {
        Map<String, Object> paths = new LinkedHashMap<>();
        if (sObject != null) {
            paths.put("sobject", sObject);
        }
        if (field != null) {
            paths.put("field." + field, "x");
        }
        if (version != null) {
            paths.put("api_version", version);
        }
        assertThat(MODULE.validate(vars(paths))).as(problem).isEqualTo(Optional.ofNullable(message));
    }

    @Test
    void postsTheFieldsAsJsonToThePathOfTheSObject() {
        OutboundRequest request = MODULE.request(vars(Map.of("field.LastName", "Lovelace",
                "field.Phone", FieldTypes.parse("phone", "(512) 555-0142"), "field.NumberOfEmployees", 12L,
                "sobject", "Lead", "api_version", "v61.0")));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).isEqualTo("/services/data/v61.0/sobjects/Lead/");
        assertThat(request.headers()).containsExactly(Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", "application/json"));
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                "{\"LastName\": \"Lovelace\", \"Phone\": \"5125550142\", \"NumberOfEmployees\": 12}"));
        assertThat(MODULE.request(vars(Map.of("field.LastName", "X"))).url())
                .isEqualTo("/services/data/v62.0/sobjects/Lead/");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
            created                 ~ 201 ~ {"id": "00Q5e00000ABCDeEAF", "success": true, "errors": []} ~ {"outcome": "success", "reference": "00Q5e00000ABCDeEAF", "id": "00Q5e00000ABCDeEAF"}
            duplicate               ~ 400 ~ [{"duplicateResult": {"allowSave": false, "duplicateRule": "Standard_Lead_Duplicate_Rule", "matchResults": []}, "errorCode": "DUPLICATES_DETECTED", "message": "Use one of these records?"}] ~ {"outcome": "failure", "reason": "Use one of these records? (DUPLICATES_DETECTED)", "error_code": "DUPLICATES_DETECTED"}
            required field missing  ~ 400 ~ [{"message": "Required fields are missing: [Company]", "errorCode": "REQUIRED_FIELD_MISSING", "fields": ["Company"]}] ~ {"outcome": "failure", "reason": "Required fields are missing: [Company] (REQUIRED_FIELD_MISSING)", "error_code": "REQUIRED_FIELD_MISSING", "error_fields": ["Company"]}
            validation rule         ~ 400 ~ [{"message": "Phone must have 10 digits", "errorCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "fields": []}] ~ {"outcome": "failure", "reason": "Phone must have 10 digits (FIELD_CUSTOM_VALIDATION_EXCEPTION)", "error_code": "FIELD_CUSTOM_VALIDATION_EXCEPTION"}
            invalid field           ~ 400 ~ [{"message": "No such column 'Colour__c' on sobject of type Lead", "errorCode": "INVALID_FIELD"}] ~ {"outcome": "failure", "reason": "No such column 'Colour__c' on sobject of type Lead (INVALID_FIELD)", "error_code": "INVALID_FIELD"}
            two errors              ~ 400 ~ [{"message": "A", "errorCode": "STRING_TOO_LONG", "fields": ["Title"]}, {"message": "B", "errorCode": "INVALID_EMAIL_ADDRESS", "fields": ["Email"]}] ~ {"outcome": "failure", "reason": "A; B (STRING_TOO_LONG)", "error_code": "STRING_TOO_LONG", "error_fields": ["Title"]}
            session still refused   ~ 401 ~ [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}] ~ {"outcome": "error", "reason": "Session expired or invalid (INVALID_SESSION_ID)", "error_code": "INVALID_SESSION_ID"}
            request limit           ~ 403 ~ [{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}] ~ {"outcome": "error", "reason": "TotalRequests Limit exceeded. (REQUEST_LIMIT_EXCEEDED)", "error_code": "REQUEST_LIMIT_EXCEEDED"}
            no such sObject         ~ 404 ~ [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}] ~ {"outcome": "error", "reason": "The requested resource does not exist (NOT_FOUND)", "error_code": "NOT_FOUND"}
            server unavailable      ~ 503 ~ <html>Service Unavailable</html> ~ {"outcome": "error", "reason": "Salesforce server error (HTTP 503)"}
            server error with code  ~ 500 ~ [{"errorCode": "UNKNOWN_EXCEPTION"}] ~ {"outcome": "error", "reason": "Salesforce server error (HTTP 500): UNKNOWN_EXCEPTION", "error_code": "UNKNOWN_EXCEPTION"}
            created without an id   ~ 201 ~ {"success": false, "errors": []} ~ {"outcome": "error", "reason": "Salesforce answered HTTP 201 without the new record's id"}
            """)
    void classifiesSalesforcesAnswers(String problem, int status, String body, String expected) {
        OutboundResponse response = new OutboundResponse(status, Map.of("Content-Type", List.of("application/json")), body);

        assertThat(JSON.readTree(JSON.writeValueAsString(MODULE.response(Vars.empty(), null, response).toFlatMap())))
                .as(problem).isEqualTo(JSON.readTree(expected));
    }
}
