package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.integration.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * LeadConduit's default inbound answer (reference §3.2): a body made of the chosen fields of the lead's variables
 * ({@code outcome, reason, lead.id, price} by default; null values left out; {@code price} 0 when absent, last), as
 * compact JSON or as XML under {@code <result>}, in the negotiated content type. 201 for a submission, 303 to the
 * {@code redir_url}, 200 for a ping, where a price of 0 or less is a {@code failure} with reason {@code no bid}.
 */
public final class InboundAnswers {

    /** The fields of a default answer. */
    public static final List<String> DEFAULT_FIELDS = List.of("outcome", "reason", "lead.id", "price");

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * The answer for a submission whose own status would be {@code status} (201; 202 while the lead runs on; 503
     * when it could not be stored, which a redirect or a ping does not hide).
     */
    public HttpAnswer render(AnswerFormat format, Map<String, Object> vars, List<String> fieldIds, int status) {
        Map<String, Object> values = format.ping() ? bid(vars) : vars;
        Map<String, Object> body = new LinkedHashMap<>();
        for (String fieldId : fieldIds == null ? DEFAULT_FIELDS : fieldIds) {
            Object value = valueOf(lookup(values, fieldId));
            if (value != null) {
                put(body, fieldId.split("\\."), value);
            }
        }
        if (!body.containsKey("price")) {
            Object price = valueOf(values.get("price"));
            body.put("price", price == null ? 0L : price);
        }
        String text = format.xml() ? XmlAnswer.write(body) : json.writeValueAsString(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", format.contentType());
        headers.put("Content-Length", String.valueOf(text.getBytes(StandardCharsets.UTF_8).length));
        if (status >= 500) {
            return new HttpAnswer(status, headers, text);
        }
        if (format.ping()) {
            return new HttpAnswer(200, headers, text);
        }
        if (format.redirectUrl() != null) {
            headers.put("Location", format.redirectUrl());
            return new HttpAnswer(303, headers, text);
        }
        return new HttpAnswer(status, headers, text);
    }

    /** Intake's answer to a submission or ping, as the source's format asks; verbose sources also see appended. */
    public HttpAnswer render(AnswerFormat format, IntakeAnswer.Answered answer, boolean verbose) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("outcome", answer.outcome().wireName());
        vars.put("reason", answer.reason());
        if (answer.leadId() != null) {
            vars.put("lead", Map.of("id", answer.leadId()));
        }
        vars.put("price", answer.price());
        List<String> fields = DEFAULT_FIELDS;
        if (verbose && answer.appended() != null) {
            vars.put("appended", answer.appended());
            fields = verboseFields(answer.appended());
        }
        int status = switch (answer.status()) {
            case FINAL -> 201;
            case PENDING -> 202;
            case NOT_STORED -> 503;
        };
        HttpAnswer rendered = render(format, vars, fields, status);
        return answer.replayed() ? rendered.withHeader("Idempotent-Replayed", "true") : rendered;
    }

    /** A refusal before any lead exists, in LeadConduit's plain-text manner. */
    public static HttpAnswer refusal(IntakeAnswer.Refused refused) {
        return switch (refused.refusal()) {
            case UNKNOWN_FLOW, UNKNOWN_SOURCE -> HttpAnswer.text(404, refused.message());
            case SOURCE_DISABLED, ADDRESS_NOT_ALLOWED -> HttpAnswer.text(403, refused.message());
            case API_KEY_REFUSED -> HttpAnswer.text(401, refused.message());
            case BASIC_AUTH_REFUSED -> HttpAnswer.text(401, refused.message())
                    .withHeader("WWW-Authenticate", "Basic realm=\"Leadflow\", charset=\"UTF-8\"");
            case IDEMPOTENCY_KEY_IN_USE -> HttpAnswer.text(409, refused.message());
        };
    }

    /** The fields of a verbose answer: every path under {@code appended} first, then the default fields. */
    public static List<String> verboseFields(Map<String, Object> appended) {
        List<String> fields = new ArrayList<>();
        leafPaths("appended", appended, fields);
        fields.addAll(DEFAULT_FIELDS);
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static void leafPaths(String prefix, Map<String, Object> tree, List<String> paths) {
        tree.forEach((key, value) -> {
            String path = prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                leafPaths(path, (Map<String, Object>) child, paths);
            } else {
                paths.add(path);
            }
        });
    }

    /** A ping bids its price; one of 0 or less bids nothing: failure, with reason "no bid" unless one is given. */
    private static Map<String, Object> bid(Map<String, Object> vars) {
        Object price = valueOf(vars.get("price"));
        if (price instanceof Number number && number.doubleValue() > 0) {
            return vars;
        }
        Map<String, Object> noBid = new LinkedHashMap<>(vars);
        noBid.put("outcome", "failure");
        if (valueOf(vars.get("reason")) == null) {
            noBid.put("reason", "no bid");
        }
        return noBid;
    }

    private static Object lookup(Map<String, Object> vars, String path) {
        Object current = vars;
        for (String segment : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && segment.chars().allMatch(Character::isDigit)
                    && !segment.isEmpty() && segment.length() < 10 && Integer.parseInt(segment) < list.size()) {
                current = list.get(Integer.parseInt(segment));
            } else {
                return null;
            }
        }
        return current;
    }

    /**
     * Sets a value at a path; a numeric segment is written quoted ({@code appended.'5'.foo}), as LeadConduit quotes
     * them so they stay keys rather than list positions.
     */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String[] path, Object value) {
        Map<String, Object> parent = body;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = parent.get(key(path[i]));
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                parent.put(key(path[i]), child);
            }
            parent = (Map<String, Object>) child;
        }
        parent.put(key(path[path.length - 1]), value);
    }

    private static String key(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit) ? "'" + segment + "'" : segment;
    }

    /**
     * What JavaScript's {@code valueOf()} and {@code JSON.stringify} make of a value: a typed field's normal form
     * (its raw form when invalid), whole numbers without a fraction, maps and lists item by item.
     */
    static Object valueOf(Object value) {
        if (value instanceof TypedValue typed) {
            return valueOf(typed.outboundValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                Object itemValue = valueOf(item);
                if (itemValue != null) {
                    copy.put(String.valueOf(key), itemValue);
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(InboundAnswers::valueOf).toList();
        }
        return value;
    }
}
