package io.leadflow.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow: the fields a lead has, the sources that may submit, and the ordered steps every lead runs through.
 * {@code revision} is a hash of the definition, so services can tell whether they run the same flow.
 * {@code feedbackKeys} maps a recipient entity to the reference of the key its feedback calls must carry;
 * {@code acceptance} holds the flow's own acceptance criteria.
 */
public record Flow(String id, String name, boolean enabled, String revision, List<FieldDefinition> fields,
                   List<SourceDefinition> sources, List<StepDefinition> steps, Map<String, String> feedbackKeys,
                   Acceptance.Criteria acceptance) {

    public Flow {
        acceptance = acceptance == null ? Acceptance.Criteria.NONE : acceptance;
    }

    /** A flow without acceptance criteria of its own (beyond required fields). */
    public Flow(String id, String name, boolean enabled, String revision, List<FieldDefinition> fields,
                List<SourceDefinition> sources, List<StepDefinition> steps, Map<String, String> feedbackKeys) {
        this(id, name, enabled, revision, fields, sources, steps, feedbackKeys, Acceptance.Criteria.NONE);
    }

    public Optional<SourceDefinition> source(String sourceId) {
        return sources.stream().filter(source -> source.id().equals(sourceId)).findFirst();
    }

    public Optional<FieldDefinition> field(String fieldId) {
        return fields.stream().filter(field -> field.id().equals(fieldId)).findFirst();
    }

    public Optional<StepDefinition> step(String stepId) {
        return steps.stream().filter(step -> step.id().equals(stepId)).findFirst();
    }

    /** The leading run of enhancement and filter steps, which enhancement-service runs. */
    public List<StepDefinition> enhancementSteps() {
        return steps.subList(0, firstRecipientIndex());
    }

    /** The recipient and filter steps from the first recipient on, which delivery-service runs. */
    public List<StepDefinition> deliverySteps() {
        return steps.subList(firstRecipientIndex(), steps.size());
    }

    private int firstRecipientIndex() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == StepKind.RECIPIENT) {
                return i;
            }
        }
        return steps.size();
    }
}
