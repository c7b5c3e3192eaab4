package io.leadflow.flow;

import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import java.util.Map;
import java.util.Optional;

/**
 * The flow's acceptance criteria for a submission: every field marked {@code required} must be present and not
 * blank. A refused submission still becomes a lead, which completes at once with outcome failure and the reason.
 */
public final class Acceptance {

    private Acceptance() {
    }

    /** Why the submission is refused, or empty when it is accepted. */
    public static Optional<LeadStop> check(Flow flow, Map<String, TypedValue> fields) {
        for (FieldDefinition field : flow.fields()) {
            TypedValue value = fields.get(field.id());
            if (field.required() && (value == null || value.raw() == null || value.raw().isBlank())) {
                return Optional.of(new LeadStop(null, Outcome.FAILURE, field.id() + " is required"));
            }
        }
        return Optional.empty();
    }
}
