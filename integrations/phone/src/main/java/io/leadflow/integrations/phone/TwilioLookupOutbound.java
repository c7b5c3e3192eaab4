package io.leadflow.integrations.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TargetUrl;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code phone.outbound.twilio_lookup}: Twilio Lookup v2 with line type intelligence
 * ({@code GET /v2/PhoneNumbers/{E.164}?Fields=line_type_intelligence}), authenticated by the step's {@code basic}
 * credential (account SID and auth token). Line types use {@code phone.outbound.lookup}'s words, so one filter fits both.
 */
public final class TwilioLookupOutbound implements HttpOutbound {

    static final String DEFAULT_BASE_URL = "https://lookups.twilio.com";
    private static final VariableSpec BASE_URL = VariableSpec.optional("base_url", "url", DEFAULT_BASE_URL,
            "Twilio Lookup's address (another region's edge, or a test double)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Twilio's line types in the words of {@code phone.outbound.lookup}. */
    private static final Map<String, String> LINE_TYPES = Map.ofEntries(
            Map.entry("landline", "fixed_line"), Map.entry("mobile", "mobile"),
            Map.entry("fixedVoip", "voip"), Map.entry("nonFixedVoip", "voip"),
            Map.entry("personal", "personal_number"), Map.entry("tollFree", "toll_free"),
            Map.entry("premium", "premium_rate"), Map.entry("sharedCost", "shared_cost"),
            Map.entry("uan", "uan"), Map.entry("voicemail", "voicemail"), Map.entry("pager", "pager"),
            Map.entry("unknown", "unknown"));

    private final boolean allowPrivateNetworks;

    public TwilioLookupOutbound(IntegrationSettings settings) {
        this.allowPrivateNetworks = settings.allowPrivateNetworks();
    }

    @Override
    public String id() {
        return "phone.outbound.twilio_lookup";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(PhoneInput.PHONE, PhoneInput.REGION, BASE_URL);
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("valid", "boolean", "Whether Twilio found the number valid"),
                VariableSpec.optional("validation_errors", "array", "Why not (TOO_SHORT, INVALID_COUNTRY_CODE, ...)"),
                VariableSpec.optional("line_type", "string", "mobile, fixed_line, voip, toll_free, premium_rate, "
                        + "shared_cost, personal_number, uan, voicemail, pager or unknown"),
                VariableSpec.optional("twilio_line_type", "string", "Twilio's own word (landline, fixedVoip, "
                        + "nonFixedVoip, ...)"),
                VariableSpec.optional("carrier", "string", "The current carrier (after porting)"),
                VariableSpec.optional("mobile_country_code", "string", "The carrier's MCC (mobile numbers)"),
                VariableSpec.optional("mobile_network_code", "string", "The carrier's MNC (mobile numbers)"),
                VariableSpec.optional("line_type_error_code", "number", "Twilio's error code when it could not "
                        + "tell the line type (60601: Canadian numbers need approval)"),
                VariableSpec.optional("country_code", "string", "The number's country (US)"),
                VariableSpec.optional("country_calling_code", "number", "Its calling code (1)"),
                VariableSpec.optional("e164", "string", "The number in E.164 form"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        Optional<String> problem = PhoneInput.validate(vars);
        if (problem.isPresent()) {
            return problem;
        }
        Optional<TargetUrl> target = TargetUrl.parse(baseUrl(vars));
        if (target.isEmpty()) {
            return Optional.of("Base URL must be valid");
        }
        if (!allowPrivateNetworks && !target.get().isPublic()) {
            return Optional.of("Base URL must be public");
        }
        return Optional.empty();
    }

    /**
     * {@code GET <base>/v2/PhoneNumbers/<number>?Fields=line_type_intelligence}: E.164 when libphonenumber reads the
     * number, else the text as sent with {@code CountryCode}, so Twilio gives its own verdict.
     */
    @Override
    public OutboundRequest request(Vars vars) {
        String number = PhoneInput.parse(vars)
                .map(parsed -> PhoneInput.PHONE_NUMBERS.format(parsed, PhoneNumberFormat.E164))
                .orElse(PhoneInput.text(vars).orElse(""));
        String url = baseUrl(vars).replaceAll("/+$", "") + "/v2/PhoneNumbers/"
                + URLEncoder.encode(number, StandardCharsets.UTF_8).replace("+", "%20")
                + "?Fields=line_type_intelligence";
        if (!number.startsWith("+")) {
            url += "&CountryCode=" + PhoneInput.region(vars);
        }
        return new OutboundRequest("GET", url, Map.of("Accept", "application/json"), null, false);
    }

    /**
     * 200 with {@code valid} true: success with the line type; {@code valid} false or 404: failure, "Invalid phone
     * number"; 401 and 403 (credentials), 429 (rate limit), other statuses and unreadable answers: error.
     */
    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        int status = response.status();
        JsonNode answer = json(response.body());
        if (status == 404) {
            return new IntegrationEvent(Outcome.FAILURE, PhoneLookupOutbound.INVALID, null, null, Map.of("valid", false));
        }
        if (status == 401 || status == 403) {
            return IntegrationEvent.of(Outcome.ERROR, "Twilio refused the credentials" + detail(status, answer));
        }
        if (status == 429) {
            return IntegrationEvent.of(Outcome.ERROR, "Twilio rate limit reached" + detail(status, answer));
        }
        if (status != 200) {
            return IntegrationEvent.of(Outcome.ERROR, "Twilio answered" + detail(status, answer));
        }
        if (answer == null || !answer.path("valid").isBoolean()) {
            return IntegrationEvent.of(Outcome.ERROR, "Twilio's answer is not a Lookup result");
        }
        Map<String, Object> appended = new LinkedHashMap<>();
        boolean valid = answer.path("valid").asBoolean();
        appended.put("valid", valid);
        if (!valid) {
            List<String> errors = new ArrayList<>();
            answer.path("validation_errors").forEach(error -> errors.add(error.asString()));
            appended.put("validation_errors", errors);
        }
        JsonNode lineType = answer.path("line_type_intelligence");
        if (valid && lineType.isObject()) {
            String type = text(lineType, "type");
            if (type != null) {
                appended.put("line_type", LINE_TYPES.getOrDefault(type, "unknown"));
                appended.put("twilio_line_type", type);
            }
            putText(appended, "carrier", lineType, "carrier_name");
            putText(appended, "mobile_country_code", lineType, "mobile_country_code");
            putText(appended, "mobile_network_code", lineType, "mobile_network_code");
            if (lineType.path("error_code").isNumber()) {
                appended.put("line_type_error_code", lineType.path("error_code").asLong());
            }
        }
        putText(appended, "country_code", answer, "country_code");
        String callingCode = text(answer, "calling_country_code");
        if (callingCode != null && callingCode.matches("[0-9]{1,4}")) {
            appended.put("country_calling_code", Long.parseLong(callingCode));
        }
        if (valid) {
            putText(appended, "e164", answer, "phone_number");
        }
        return new IntegrationEvent(valid ? Outcome.SUCCESS : Outcome.FAILURE, valid ? null : PhoneLookupOutbound.INVALID,
                null, null, appended);
    }

    /** " (HTTP 401, Twilio error 20003)": status and Twilio's error code, never its message (it may name the number). */
    private static String detail(int status, JsonNode answer) {
        String code = answer != null && answer.path("code").isNumber() ? ", Twilio error " + answer.path("code").asLong() : "";
        return " (HTTP " + status + code + ")";
    }

    private static String baseUrl(Vars vars) {
        return vars.text(BASE_URL.name()).orElse(DEFAULT_BASE_URL);
    }

    private static JsonNode json(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree != null && tree.isObject() ? tree : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() || value.isNumber() ? value.asString() : null;
    }

    private static void putText(Map<String, Object> appended, String name, JsonNode node, String field) {
        String value = text(node, field);
        if (value != null && !value.isBlank()) {
            appended.put(name, value);
        }
    }
}
