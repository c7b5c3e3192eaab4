package io.leadflow.integrations.trustedform;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * {@code trustedform.outbound.trustedform}: TrustedForm API v4 as LeadConduit calls it — one POST to the certificate
 * URL asking for the selected products (Retain with lead matching, Insights properties and page scans, Verify), and
 * TrustedForm's outcome with the flattened results appended.
 */
public final class TrustedFormOutbound implements HttpOutbound {

    /** Leadflow's default retain reference: the lead id (LeadConduit sends its own lead URL). */
    static final UnaryOperator<String> LEAD_ID_REFERENCE = leadId -> leadId;

    /** Insights variables and the property names TrustedForm's API uses for them, in the order they are sent. */
    private static final List<Map.Entry<String, String>> INSIGHTS_PROPERTIES = List.of(
            Map.entry("age", "age_seconds"), Map.entry("location", "approx_ip_geo"), Map.entry("browser", "browser"),
            Map.entry("created_timestamp", "created_at"), Map.entry("domain", "domain"),
            Map.entry("expiration_timestamp", "expires_at"), Map.entry("form_input_kpm", "form_input_kpm"),
            Map.entry("form_input_method", "form_input_method"), Map.entry("form_input_wpm", "form_input_wpm"),
            Map.entry("ip_address", "ip"), Map.entry("framed", "is_framed"), Map.entry("masked", "is_masked"),
            Map.entry("sensitive_content", "num_sensitive_content_elements"),
            Map.entry("sensitive_form_fields", "num_sensitive_form_elements"), Map.entry("operating_system", "os"),
            Map.entry("page_url", "page_url"), Map.entry("parent_page_url", "parent_page_url"),
            Map.entry("time_on_page", "seconds_on_page"), Map.entry("bot_detected", "bot_detected"));

    private static final List<VariableSpec> REQUEST_VARIABLES = requestVariables(List.of(
            VariableSpec.optional(CertificateUrl.VARIABLE, "trustedform_url",
                    "TrustedForm Certificate URL (required; the lead's field of that name unless mapped)"),
            VariableSpec.optional("lead.email", "string",
                    "The email of the consumer you believe was recorded in the certificate; defaults to the lead's Email"),
            VariableSpec.optional("lead.phone_1", "string",
                    "The phone number of the consumer you believe was recorded in the certificate; defaults to the lead's Phone 1"),
            VariableSpec.optional("lead.id", "string", "The lead's id, for the default Retain reference: map {{lead.id}}"),
            VariableSpec.optional("source.name", "string", "The source's name, the default vendor: map {{source.name}}"),
            VariableSpec.optional("trustedform.retain", "boolean", "false", "If true, a request to the Retain product will be made"),
            VariableSpec.optional("trustedform.custom_reference", "string",
                    "Any text that helps you identify the lead associated with the certificate; defaults to the lead id"),
            VariableSpec.optional("trustedform.vendor", "string",
                    "The name of the company that provided the lead; defaults to the source's name"),
            VariableSpec.optional("trustedform.insights", "boolean", "false", "If true, a request to the Insights product will be made"),
            VariableSpec.optional("insights.page_scan", "boolean", "false", "Request TrustedForm Insights page scan data?"),
            VariableSpec.optional("trustedform.scan_required_text", "array",
                    "Required text to scan for (case and whitespace insensitive)"),
            VariableSpec.optional("trustedform.scan_forbidden_text", "array",
                    "Forbidden text to scan for (case and whitespace insensitive)"),
            VariableSpec.optional("trustedform.scan_delimiter", "string", "|",
                    "The delimiter that wraps wildcards or template variables in scan text"),
            VariableSpec.optional("trustedform.verify", "boolean", "false", "If true, a request to the Verify product will be made"),
            VariableSpec.optional("trustedform.advertiser_name", "string",
                    "Verify: the advertiser whose one-to-one consent is checked"),
            VariableSpec.optional("trustedform.api_key", "string",
                    "TrustedForm API key, sent as Basic X:<key>; give it as ${secret:NAME}"),
            VariableSpec.optional("activeprospect.api_key", "string",
                    "ActiveProspect account API key, used when trustedform.api_key is not set; give it as ${secret:NAME}"),
            VariableSpec.optional("cplToken", "string", "TrustedForm CPL token, sent as CPL-Token; give it as ${secret:NAME}"),
            VariableSpec.optional(CertificateUrl.API_URL, "url",
                    "Send to this URL followed by the certificate id instead of to the certificate URL (a proxy)")));

    private static final List<VariableSpec> RESPONSE_VARIABLES = List.of(
            VariableSpec.optional("outcome", "string", "TrustedForm's outcome: success only if every requested product succeeded"),
            VariableSpec.optional("reason", "string", "An explanation of a failure or error"),
            VariableSpec.optional("matched_email", "string", "The email (or hash) sent for lead matching"),
            VariableSpec.optional("matched_phone", "string", "The phone number (or hash) sent for lead matching"),
            VariableSpec.optional("successful_match", "boolean", "Whether lead matching found any match"),
            VariableSpec.optional("email_fingerprint_matched", "boolean", "Whether the email matched"),
            VariableSpec.optional("phone_fingerprint_matched", "boolean", "Whether the phone number matched"),
            VariableSpec.optional("reference_code", "string", "The Retain reference sent"),
            VariableSpec.optional("vendor", "string", "The Retain vendor sent"),
            VariableSpec.optional("previously_retained", "boolean", "Whether your account had already retained the certificate"),
            VariableSpec.optional("masked_cert_url", "url", "The masked certificate URL"),
            VariableSpec.optional("share_url", "url", "A URL to share the certificate"),
            VariableSpec.optional("expires_at", "time", "When the certificate will no longer be available"),
            VariableSpec.optional("scans_result", "boolean", "Whether all required and none of the forbidden text was found"),
            VariableSpec.optional("required_scans_found", "array", "Required scan terms found"),
            VariableSpec.optional("required_scans_not_found", "array", "Required scan terms not found"),
            VariableSpec.optional("forbidden_scans_found", "array", "Forbidden scan terms found"),
            VariableSpec.optional("forbidden_scans_not_found", "array", "Forbidden scan terms not found"),
            VariableSpec.optional("amount_required_matched", "string", "all, some or none of the required terms found"),
            VariableSpec.optional("amount_forbidden_matched", "string", "all, some or none of the forbidden terms found"),
            VariableSpec.optional("age_in_seconds", "number", "Seconds since the last user interaction with the certificate"),
            VariableSpec.optional("city", "string", "City of the consumer's public IP address"),
            VariableSpec.optional("country_code", "string", "Country code of the consumer's public IP address"),
            VariableSpec.optional("latitude", "number", "Latitude of the consumer's public IP address"),
            VariableSpec.optional("longitude", "number", "Longitude of the consumer's public IP address"),
            VariableSpec.optional("postal_code", "postal_code", "Postal code of the consumer's public IP address"),
            VariableSpec.optional("state", "state", "State of the consumer's public IP address"),
            VariableSpec.optional("time_zone", "string", "Time zone of the consumer's public IP address"),
            VariableSpec.optional("browser_full", "string", "The browser, from the user agent"),
            VariableSpec.optional("user_agent", "string", "The consumer's browser user agent"),
            VariableSpec.optional("created_at", "time", "When the TrustedForm script was loaded"),
            VariableSpec.optional("domain", "string", "The domain shown to the consumer"),
            VariableSpec.optional("time_on_page_in_seconds", "number", "Seconds between the script loading and the last event"),
            VariableSpec.optional("kpm", "number", "Keystrokes per minute"),
            VariableSpec.optional("form_input_method", "array", "How the form was filled: autofill, paste, typing"),
            VariableSpec.optional("wpm", "number", "Words per minute"),
            VariableSpec.optional("ip", "string", "The consumer's IP address"),
            VariableSpec.optional("is_framed", "boolean", "Whether the page was in an iframe"),
            VariableSpec.optional("is_masked", "boolean", "Whether the certificate is masked"),
            VariableSpec.optional("sensitive_hidden_content_elements", "number", "Sensitive content elements hidden"),
            VariableSpec.optional("sensitive_hidden_form_elements", "number", "Sensitive form elements hidden"),
            VariableSpec.optional("os_full", "string", "The operating system, in full"),
            VariableSpec.optional("is_mobile", "boolean", "Whether the device is mobile"),
            VariableSpec.optional("os_name", "string", "The operating system's name"),
            VariableSpec.optional("page_url", "url", "The page the consumer filled in"),
            VariableSpec.optional("parent_page_url", "url", "The parent page when framed"),
            VariableSpec.optional("bot_detected", "boolean", "Whether a bot filled in the form"),
            VariableSpec.optional("one_to_one", "boolean", "Verify: whether the consent names one advertiser"),
            VariableSpec.optional("verify.*", "wildcard",
                    "Verify: languages (texts), form_submitted, language_approved, font_size, contrast_ratio, opt_in_type, success"));

    private final IntegrationSettings settings;
    private final UnaryOperator<String> leadReference;

    /** {@code leadReference} makes the default Retain reference of a lead id. */
    TrustedFormOutbound(IntegrationSettings settings, UnaryOperator<String> leadReference) {
        this.settings = settings;
        this.leadReference = leadReference;
    }

    private static List<VariableSpec> requestVariables(List<VariableSpec> variables) {
        List<VariableSpec> all = new ArrayList<>(variables);
        int insightsAt = all.indexOf(all.stream().filter(v -> v.name().equals("insights.page_scan")).findFirst().orElseThrow());
        List<VariableSpec> properties = INSIGHTS_PROPERTIES.stream().map(property -> VariableSpec.optional(
                "insights." + property.getKey(), "boolean", "false",
                "Request TrustedForm Insights " + property.getKey().replace('_', ' ') + " data?")).toList();
        all.addAll(insightsAt, properties);
        return List.copyOf(all);
    }

    @Override
    public String id() {
        return "trustedform.outbound.trustedform";
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
        Optional<String> problem = CertificateUrl.validate(vars).or(() -> CertificateUrl.validateApiUrl(vars, settings));
        if (problem.isPresent()) {
            return problem;
        }
        boolean retain = vars.flag("trustedform.retain", false);
        boolean insights = vars.flag("trustedform.insights", false);
        if (!retain && !insights && !vars.flag("trustedform.verify", false)) {
            return Optional.of("a TrustedForm product must be selected");
        }
        if (retain && !hasEmailOrPhone(vars)) {
            return Optional.of("an email address or phone number is required to use TrustedForm Retain");
        }
        if (insights && properties(vars).isEmpty() && !vars.flag("insights.page_scan", false)) {
            return Optional.of("no properties selected for TrustedForm Insights");
        }
        return Optional.empty();
    }

    @Override
    public OutboundRequest request(Vars vars) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (vars.flag("trustedform.retain", false) && hasEmailOrPhone(vars)) {
            Map<String, Object> match = new LinkedHashMap<>();
            putPresent(match, "email", value(vars, "lead.email"));
            putPresent(match, "phone", value(vars, "lead.phone_1"));
            body.put("match_lead", match);
            Map<String, Object> retain = new LinkedHashMap<>();
            putPresent(retain, "reference", vars.text("trustedform.custom_reference")
                    .or(() -> vars.text("lead.id").map(leadReference)).orElse(null));
            putPresent(retain, "vendor", vars.text("trustedform.vendor").or(() -> vars.text("source.name")).orElse(null));
            body.put("retain", retain);
        }
        if (vars.flag("trustedform.insights", false)) {
            Map<String, Object> insights = new LinkedHashMap<>();
            insights.put("properties", properties(vars));
            if (vars.flag("insights.page_scan", false)) {
                Map<String, Object> scans = new LinkedHashMap<>();
                putPresent(scans, "required", value(vars, "trustedform.scan_required_text"));
                putPresent(scans, "forbidden", value(vars, "trustedform.scan_forbidden_text"));
                scans.put("delimiter", vars.text("trustedform.scan_delimiter").orElse("|"));
                insights.put("scans", scans);
            }
            body.put("insights", insights);
        }
        if (vars.flag("trustedform.verify", false)) {
            Map<String, Object> verify = new LinkedHashMap<>();
            putPresent(verify, "advertiser_name", vars.text("trustedform.advertiser_name").orElse(null));
            body.put("verify", verify);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("api-version", "4.0");
        vars.text("trustedform.api_key").or(() -> vars.text("activeprospect.api_key")).ifPresent(key ->
                headers.put("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("X:" + key).getBytes(StandardCharsets.UTF_8))));
        vars.text("cplToken").ifPresent(token -> headers.put("CPL-Token", token));
        String certificateUrl = vars.text(CertificateUrl.VARIABLE).orElseThrow();
        return new OutboundRequest("POST", CertificateUrl.target(vars, certificateUrl), headers,
                AnswerJson.JSON.writeValueAsString(body), false);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        Optional<JsonNode> parsed = response.status() < 500 ? AnswerJson.parse(response.body()) : Optional.empty();
        if (parsed.isEmpty()) {
            return IntegrationEvent.of(Outcome.ERROR, "unable to parse response");
        }
        JsonNode answer = parsed.get();
        Outcome outcome = Outcome.fromWireName(AnswerJson.text(answer.path("outcome")));
        String reason = AnswerJson.text(answer.path("reason"));
        if (outcome == null || outcome == Outcome.SKIP) {
            outcome = Outcome.ERROR;
            reason = reason != null ? reason : "TrustedForm answered HTTP " + response.status() + " without an outcome";
        }
        if (response.status() != 200) {
            return IntegrationEvent.of(outcome, reason);
        }
        return new IntegrationEvent(outcome, reason, null, null, results(vars, answer));
    }

    private static Map<String, Object> results(Vars vars, JsonNode answer) {
        Map<String, Object> results = new LinkedHashMap<>();
        JsonNode match = answer.path("match_lead");
        AnswerJson.put(results, "matched_email", match.path("email"));
        AnswerJson.put(results, "matched_phone", match.path("phone"));
        AnswerJson.put(results, "successful_match", match.path("result").path("success"));
        AnswerJson.put(results, "email_fingerprint_matched", match.path("result").path("email_match"));
        AnswerJson.put(results, "phone_fingerprint_matched", match.path("result").path("phone_match"));
        JsonNode retain = answer.path("retain");
        AnswerJson.put(results, "reference_code", retain.path("reference"));
        AnswerJson.put(results, "vendor", retain.path("vendor"));
        AnswerJson.put(results, "previously_retained", retain.path("results").path("previously_retained"));
        AnswerJson.put(results, "masked_cert_url", retain.path("results").path("masked_cert_url"));
        AnswerJson.put(results, "share_url", retain.path("results").path("share_url"));
        JsonNode properties = answer.path("insights").path("properties");
        JsonNode retainedUntil = retain.path("results").path("expires_at");
        AnswerJson.put(results, "expires_at", AnswerJson.truthy(retainedUntil) ? retainedUntil : properties.path("expires_at"));
        JsonNode scans = answer.path("insights").path("scans");
        AnswerJson.put(results, "scans_result", scans.path("result").path("success"));
        AnswerJson.put(results, "required_scans_found", scans.path("result").path("required").path("found"));
        AnswerJson.put(results, "required_scans_not_found", scans.path("result").path("required").path("not_found"));
        AnswerJson.put(results, "forbidden_scans_found", scans.path("result").path("forbidden").path("found"));
        AnswerJson.put(results, "forbidden_scans_not_found", scans.path("result").path("forbidden").path("not_found"));
        AnswerJson.put(results, "age_in_seconds", properties.path("age_seconds"));
        JsonNode geo = properties.path("approx_ip_geo");
        AnswerJson.put(results, "city", geo.path("city"));
        AnswerJson.put(results, "country_code", geo.path("country_code"));
        AnswerJson.put(results, "latitude", geo.path("lat"));
        AnswerJson.put(results, "longitude", geo.path("lon"));
        AnswerJson.put(results, "postal_code", geo.path("postal_code"));
        AnswerJson.put(results, "state", geo.path("state"));
        AnswerJson.put(results, "time_zone", geo.path("time_zone"));
        AnswerJson.put(results, "browser_full", properties.path("browser").path("full"));
        AnswerJson.put(results, "user_agent", properties.path("browser").path("user_agent"));
        AnswerJson.put(results, "created_at", properties.path("created_at"));
        AnswerJson.put(results, "domain", properties.path("domain"));
        AnswerJson.put(results, "time_on_page_in_seconds", properties.path("seconds_on_page"));
        AnswerJson.put(results, "kpm", properties.path("form_input_kpm"));
        AnswerJson.put(results, "form_input_method", properties.path("form_input_method"));
        AnswerJson.put(results, "wpm", properties.path("form_input_wpm"));
        AnswerJson.put(results, "ip", properties.path("ip"));
        AnswerJson.put(results, "is_framed", properties.path("is_framed"));
        AnswerJson.put(results, "is_masked", properties.path("is_masked"));
        AnswerJson.put(results, "sensitive_hidden_content_elements", properties.path("num_sensitive_content_elements"));
        AnswerJson.put(results, "sensitive_hidden_form_elements", properties.path("num_sensitive_form_elements"));
        AnswerJson.put(results, "os_full", properties.path("os").path("full"));
        AnswerJson.put(results, "is_mobile", properties.path("os").path("is_mobile"));
        AnswerJson.put(results, "os_name", properties.path("os").path("name"));
        AnswerJson.put(results, "page_url", properties.path("page_url"));
        AnswerJson.put(results, "parent_page_url", properties.path("parent_page_url"));
        AnswerJson.put(results, "bot_detected", properties.path("bot_detected"));
        JsonNode verify = answer.path("verify");
        AnswerJson.put(results, "one_to_one", verify.path("result").path("one_to_one"));
        if (!verify.path("languages").isMissingNode() || !verify.path("result").isMissingNode()) {
            results.put("verify", verifyResults(verify));
        }
        if (vars.flag("insights.page_scan", false)) {
            amountMatched(scans.path("required"), scans.path("result").path("required").path("found"))
                    .ifPresent(amount -> results.put("amount_required_matched", amount));
            amountMatched(scans.path("forbidden"), scans.path("result").path("forbidden").path("found"))
                    .ifPresent(amount -> results.put("amount_forbidden_matched", amount));
        }
        return results;
    }

    private static Map<String, Object> verifyResults(JsonNode verify) {
        Map<String, Object> results = new LinkedHashMap<>();
        if (verify.path("languages").isArray()) {
            List<Object> texts = new ArrayList<>();
            verify.path("languages").values().forEach(language -> texts.add(AnswerJson.plain(language.path("text"))));
            results.put("languages", texts);
        }
        JsonNode result = verify.path("result");
        for (String name : List.of("form_submitted", "language_approved", "font_size", "contrast_ratio", "opt_in_type",
                "success")) {
            AnswerJson.put(results, name, result.path(name));
        }
        return results;
    }

    /** {@code all}, {@code some} or {@code none} of the scan terms found; empty when no terms were scanned for. */
    @SuppressWarnings("unchecked")
    private static Optional<String> amountMatched(JsonNode terms, JsonNode found) {
        if (terms.isMissingNode() || terms.isNull()) {
            return Optional.empty();
        }
        List<Object> foundTerms = found.isArray() ? (List<Object>) AnswerJson.plain(found) : List.of();
        if (foundTerms.isEmpty()) {
            return Optional.of("none");
        }
        List<Object> wanted = terms.isArray() ? (List<Object>) AnswerJson.plain(terms) : List.of(AnswerJson.plain(terms));
        return Optional.of(foundTerms.containsAll(wanted) ? "all" : "some");
    }

    private static List<String> properties(Vars vars) {
        return INSIGHTS_PROPERTIES.stream().filter(property -> vars.flag("insights." + property.getKey(), false))
                .map(Map.Entry::getValue).toList();
    }

    private static boolean hasEmailOrPhone(Vars vars) {
        return vars.text("lead.email").isPresent() || vars.text("lead.phone_1").isPresent();
    }

    /** The value to send: a typed value's outbound form, anything else as it is. */
    private static Object value(Vars vars, String path) {
        Object value = vars.get(path);
        return value instanceof TypedValue typed ? typed.outboundValue() : value;
    }

    private static void putPresent(Map<String, Object> target, String key, Object value) {
        if (value != null) {
            target.put(key, value);
        }
    }
}
