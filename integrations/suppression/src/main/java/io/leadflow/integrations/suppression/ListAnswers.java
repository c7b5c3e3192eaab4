package io.leadflow.integrations.suppression;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Reads a lists API answer as LeadConduit's SuppressionList does: 401 is an error "Authentication failed", 402 a
 * failure "Unpaid account", a body with {@code error} an error with that text, a body that is not JSON an error
 * "Unsupported response"; otherwise the body with outcome success (a 404 saying {@code found: false} included).
 */
final class ListAnswers {

    private ListAnswers() {
    }

    /** The answer's data with {@code outcome} and {@code reason}, as appended under the module's key. */
    static Map<String, Object> read(OutboundResponse response) {
        if (response.status() == 401) {
            return outcome(Outcome.ERROR, "Authentication failed");
        }
        if (response.status() == 402) {
            return outcome(Outcome.FAILURE, "Unpaid account");
        }
        Map<String, Object> body;
        try {
            Object parsed = ListsApi.JSON.readValue(response.body(), Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                return outcome(Outcome.ERROR, "Unsupported response");
            }
            body = new LinkedHashMap<>();
            map.forEach((key, value) -> body.put(String.valueOf(key), value));
        } catch (JacksonException e) {
            return outcome(Outcome.ERROR, "Unsupported response");
        }
        if (body.get("error") != null) {
            String error = String.valueOf(body.get("error"));
            return outcome(Outcome.ERROR, error.endsWith(".") ? error.substring(0, error.length() - 1) : error);
        }
        body.put("outcome", Outcome.SUCCESS.wireName());
        body.put("reason", null);
        String runtime = response.header("X-Runtime");
        if (runtime != null) {
            body.put("duration", runtime);
        }
        return body;
    }

    /** A query answer: {@code exists_in_lists} renamed {@code found_in}, {@code entries} replaced by the latest {@code added_at}. */
    static Map<String, Object> readQuery(OutboundResponse response) {
        Map<String, Object> data = read(response);
        if (data.containsKey("exists_in_lists")) {
            data.put("found_in", data.remove("exists_in_lists"));
            Object entries = data.remove("entries");
            if (entries instanceof List<?> list) {
                list.stream()
                        .filter(Map.class::isInstance)
                        .map(entry -> ((Map<?, ?>) entry).get("added_at"))
                        .filter(java.util.Objects::nonNull)
                        .map(Object::toString)
                        .max(String::compareTo)
                        .ifPresent(latest -> data.put("added_at", latest));
            }
        }
        return data;
    }

    static Map<String, Object> outcome(Outcome outcome, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", outcome.wireName());
        data.put("reason", reason);
        return data;
    }

    /** The step's event: the data under {@code key}, its outcome and reason also the step's. */
    static IntegrationEvent event(String key, Map<String, Object> data) {
        Outcome outcome = Outcome.fromWireName(String.valueOf(data.get("outcome")));
        Object reason = data.get("reason");
        return new IntegrationEvent(outcome, reason == null ? null : reason.toString(), null, null, Map.of(key, data));
    }
}
