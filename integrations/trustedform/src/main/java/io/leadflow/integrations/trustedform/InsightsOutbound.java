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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code trustedform.outbound.insights}: LeadConduit's older TrustedForm Insights (the data service's {@code peek}):
 * a form POST to {@code <certificate URL>/peek} with page scan terms and the lead's email and phones to fingerprint,
 * billable on success, plus Leadflow's fingerprint summary of the answer.
 */
public final class InsightsOutbound implements HttpOutbound {

    private static final List<VariableSpec> REQUEST_VARIABLES = List.of(
            VariableSpec.optional(CertificateUrl.VARIABLE, "string",
                    "TrustedForm Certificate URL (required; the lead's field of that name unless mapped; ping URLs accepted)"),
            VariableSpec.optional("token", "string",
                    "TrustedForm Data Service token (required), sent as Bearer; give it as ${secret:NAME}"),
            VariableSpec.optional("trustedform.scan_required_text", "array", "Required text to search the snapshot for"),
            VariableSpec.optional("trustedform.scan_forbidden_text", "array", "Forbidden text to search the snapshot for"),
            VariableSpec.optional("trustedform.scan_delimiter", "string", "|",
                    "The character around an asterisk that makes it a wildcard"),
            VariableSpec.optional("trustedform.vendor", "string", "Lead vendor name (accepted as LeadConduit does; not sent)"),
            VariableSpec.optional("lead.email", "string", "Lead email to fingerprint; defaults to the lead's Email"),
            VariableSpec.optional("lead.phone_1", "string", "Lead phone 1 to fingerprint; defaults to the lead's Phone 1"),
            VariableSpec.optional("lead.phone_2", "string", "Lead phone 2 to fingerprint; defaults to the lead's Phone 2"),
            VariableSpec.optional("lead.phone_3", "string", "Lead phone 3 to fingerprint; defaults to the lead's Phone 3"),
            VariableSpec.optional(CertificateUrl.API_URL, "url",
                    "Send to this URL followed by the certificate id and /peek instead of to the certificate URL (a proxy)"));

    private static final List<VariableSpec> RESPONSE_VARIABLES = List.of(
            VariableSpec.optional("outcome", "string", "success, failure or error"),
            VariableSpec.optional("reason", "string", "The reason of a failure or error"),
            VariableSpec.optional("billable", "number", "1 when the call is billable, else 0"),
            VariableSpec.optional("age", "number", "Seconds since the certificate was created"),
            VariableSpec.optional("browser", "string", "The browser, from the user agent"),
            VariableSpec.optional("consented_at", "time", "When the consumer checked the consent box"),
            VariableSpec.optional("created_at", "time", "When the consumer loaded the form"),
            VariableSpec.optional("device", "string", "The mobile device type, if any"),
            VariableSpec.optional("event_duration", "number", "Time the consumer spent on the page"),
            VariableSpec.optional("expires_at", "time", "When the claim period ends"),
            VariableSpec.optional("form_input_method", "array", "autofill, paste, typing"),
            VariableSpec.optional("framed", "boolean", "Whether the page was in an iframe"),
            VariableSpec.optional("has_consented", "boolean", "Whether the consumer checked the consent box"),
            VariableSpec.optional("city", "string", "City"),
            VariableSpec.optional("country_code", "string", "Country code"),
            VariableSpec.optional("lat", "number", "Latitude"),
            VariableSpec.optional("lon", "number", "Longitude"),
            VariableSpec.optional("postal_code", "string", "Postal code"),
            VariableSpec.optional("state", "string", "State or province"),
            VariableSpec.optional("time_zone", "string", "Time zone"),
            VariableSpec.optional("ip", "string", "The consumer's IP address"),
            VariableSpec.optional("wpm", "number", "Words per minute"),
            VariableSpec.optional("kpm", "number", "Keystrokes per minute"),
            VariableSpec.optional("page_url", "url", "The page the consumer filled in"),
            VariableSpec.optional("operating_system", "string", "The operating system"),
            VariableSpec.optional("parent_page_url", "url", "The parent page when framed"),
            VariableSpec.optional("domain", "string", "The page's domain"),
            VariableSpec.optional("cert_id", "string", "The certificate id"),
            VariableSpec.optional("user_agent", "string", "The browser's user agent"),
            VariableSpec.optional("fingerprints_matching", "array", "Matching fingerprints on the certificate"),
            VariableSpec.optional("fingerprints_non_matching", "array", "Non-matching fingerprints on the certificate"),
            VariableSpec.optional("fingerprints_summary", "string",
                    "All Matched, Some Matched, None Matched or No Fingerprinting Data (Leadflow)"),
            VariableSpec.optional("*_fingerprint_matched", "boolean",
                    "email, phone_1, phone_2, phone_3: whether its SHA-1 is a matching fingerprint (Leadflow)"),
            VariableSpec.optional("is_masked", "boolean", "Whether the certificate is masked"),
            VariableSpec.optional("scans_found", "array", "Scan text found"),
            VariableSpec.optional("scans_not_found", "array", "Scan text not found"),
            VariableSpec.optional("warnings", "array", "Warnings about page scans and fingerprints"));

    private final IntegrationSettings settings;

    InsightsOutbound(IntegrationSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "trustedform.outbound.insights";
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
        if (vars.text("token").isEmpty()) {
            return Optional.of("Missing TrustedForm Data Service token");
        }
        return (CertificateUrl.isPing(vars) ? Optional.<String>empty() : CertificateUrl.validate(vars))
                .or(() -> CertificateUrl.validateApiUrl(vars, settings));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        Map<String, Object> form = new LinkedHashMap<>();
        putPresent(form, "scan[]", vars.get("trustedform.scan_required_text"));
        putPresent(form, "scan[]!", vars.get("trustedform.scan_forbidden_text"));
        form.put("scan_delimiter", vars.text("trustedform.scan_delimiter").orElse("|"));
        for (String field : List.of("phone_1", "phone_2", "phone_3", "email")) {
            putPresent(form, field, vars.get("lead." + field));
        }
        String certificateUrl = CertificateUrl.format(vars.text(CertificateUrl.VARIABLE).orElseThrow());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Authorization", "Bearer " + vars.text("token").orElseThrow());
        return new OutboundRequest("POST", CertificateUrl.target(vars, certificateUrl) + "/peek", headers,
                queryString(form), false);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        Optional<JsonNode> parsed = AnswerJson.parse(response.body());
        if (parsed.isEmpty()) {
            return unbilled(Outcome.ERROR, "unable to parse response");
        }
        JsonNode answer = parsed.get();
        if (response.status() == 201) {
            return new IntegrationEvent(Outcome.SUCCESS, null, null, null, certificate(vars, answer));
        }
        if (response.status() >= 400 && response.status() < 500) {
            return unbilled(Outcome.FAILURE, AnswerJson.text(answer.path("errors").path("detail")));
        }
        return unbilled(Outcome.ERROR, "unknown error (" + response.status() + ")");
    }

    private static IntegrationEvent unbilled(Outcome outcome, String reason) {
        return new IntegrationEvent(outcome, reason, null, null, Map.of("billable", 0L));
    }

    private static Map<String, Object> certificate(Vars vars, JsonNode answer) {
        JsonNode cert = answer.path("cert");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("billable", 1L);
        AnswerJson.put(data, "age", answer.path("age"));
        for (String name : List.of("browser", "created_at", "device", "event_duration", "expires_at",
                "form_input_method", "framed")) {
            AnswerJson.put(data, name, cert.path(name));
        }
        data.put("has_consented", AnswerJson.truthy(cert.path("consented_at")));
        JsonNode geo = cert.path("geo");
        for (String name : List.of("city", "country_code", "lat", "lon", "postal_code", "state", "time_zone")) {
            AnswerJson.put(data, name, geo.path(name));
        }
        for (String name : List.of("ip", "wpm", "kpm", "page_url", "operating_system", "parent_page_url", "domain",
                "cert_id", "user_agent")) {
            AnswerJson.put(data, name, cert.path(name));
        }
        AnswerJson.put(data, "fingerprints_matching", answer.path("fingerprints").path("matching"));
        AnswerJson.put(data, "fingerprints_non_matching", answer.path("fingerprints").path("non_matching"));
        AnswerJson.put(data, "is_masked", answer.path("masked"));
        data.put("scans_found", distinct(answer.path("scans").path("found")));
        data.put("scans_not_found", distinct(answer.path("scans").path("not_found")));
        AnswerJson.put(data, "warnings", answer.path("warnings"));
        if (AnswerJson.truthy(cert.path("consented_at"))) {
            AnswerJson.put(data, "consented_at", cert.path("consented_at"));
        }
        Map<String, String> lead = new LinkedHashMap<>();
        Fingerprints.FIELDS.forEach(field -> vars.text("lead." + field).ifPresent(value -> lead.put(field, value)));
        data.putAll(Fingerprints.evaluate(lead, texts(answer.path("fingerprints").path("matching")),
                texts(answer.path("fingerprints").path("non_matching"))));
        return data;
    }

    private static List<Object> distinct(JsonNode values) {
        if (!AnswerJson.truthy(values) || !values.isArray()) {
            return List.of();
        }
        LinkedHashSet<Object> unique = new LinkedHashSet<>();
        values.values().forEach(value -> unique.add(AnswerJson.plain(value)));
        return new ArrayList<>(unique);
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.values().forEach(value -> texts.add(value.asString()));
        return texts;
    }

    private static void putPresent(Map<String, Object> form, String key, Object value) {
        if (value != null) {
            form.put(key, value instanceof TypedValue typed ? typed.outboundValue() : value);
        }
    }

    /** Node's {@code querystring.stringify}: lists repeat their key; only {@code A-Za-z0-9-_.!~*'()} stay as they are. */
    static String queryString(Map<String, Object> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((key, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object item : values) {
                pairs.add(escape(key) + "=" + escape(item instanceof TypedValue typed ? String.valueOf(typed.outboundValue())
                        : item instanceof String || item instanceof Number || item instanceof Boolean ? item.toString() : ""));
            }
        });
        return String.join("&", pairs);
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%7E", "~").replace("%27", "'").replace("%28", "(").replace("%29", ")");
    }
}
