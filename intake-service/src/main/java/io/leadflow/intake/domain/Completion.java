package io.leadflow.intake.domain;

import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a lead's first pass through its flow ended, as delivery reported it. */
public record Completion(String leadId, Outcome outcome, String reason, double price, List<StepResult> steps) {

    /**
     * What each step that talked to an entity appended, under the entity's snake-case name, with the step's outcome,
     * reason, price and reference beside the data (as LeadConduit's verbose answers show it); skipped steps appended
     * nothing and are left out.
     */
    public Map<String, Object> appendedByEntity() {
        Map<String, Object> appended = new LinkedHashMap<>();
        for (StepResult step : steps) {
            if (step.entity() == null || step.outcome() == Outcome.SKIP) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>(step.appended());
            data.put("outcome", step.outcome().wireName());
            putUnlessNull(data, "reason", step.reason());
            putUnlessNull(data, "price", step.price());
            putUnlessNull(data, "reference", step.reference());
            appended.put(StepDefinition.namespaceOf(step.entity()), data);
        }
        return appended;
    }

    private static void putUnlessNull(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
