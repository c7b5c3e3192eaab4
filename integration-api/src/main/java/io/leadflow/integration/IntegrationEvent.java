package io.leadflow.integration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a module made of a response: outcome, reason, price, reference and the data it appends to the lead.
 * {@code price} and {@code reference} keep the form the module found (a price of {@code "1.5"} stays text, a
 * wildcard reference is a list), as LeadConduit reports them; the platform reads a number out of the price.
 */
public record IntegrationEvent(Outcome outcome, String reason, Object price, Object reference,
                               Map<String, Object> appended) {

    public IntegrationEvent {
        appended = Collections.unmodifiableMap(new LinkedHashMap<>(appended));
    }

    public static IntegrationEvent of(Outcome outcome, String reason) {
        return new IntegrationEvent(outcome, reason, null, null, Map.of());
    }

    /** The event flat, as LeadConduit shows it: appended fields, then outcome, price, reason and reference when set. */
    public Map<String, Object> toFlatMap() {
        Map<String, Object> flat = new LinkedHashMap<>(appended);
        flat.put("outcome", outcome.wireName());
        if (price != null) {
            flat.put("price", price);
        }
        if (reason != null) {
            flat.put("reason", reason);
        }
        if (reference != null) {
            flat.put("reference", reference);
        }
        return flat;
    }

    /** The price as a number: a numeric price, or a text price that parses; null otherwise. */
    public Double numericPrice() {
        if (price instanceof Number number) {
            return number.doubleValue();
        }
        if (price != null) {
            try {
                return Double.valueOf(price.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
