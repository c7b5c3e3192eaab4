package io.leadflow.flow.rules;

import io.leadflow.flow.Flow;
import io.leadflow.flow.Lead;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.TypedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What templates and rules can read of a lead: {@code lead.<field>[.<component>]}, {@code lead.id},
 * {@code appended.<entity>.<path>} (each finished step's data plus its outcome, reason, price and reference),
 * {@code source.id}, {@code flow.id}, {@code flow.name} and {@code submission.timestamp}.
 */
public final class LeadView {

    private final Flow flow;
    private final Lead lead;
    private final Map<String, Object> appended = new LinkedHashMap<>();

    public LeadView(Flow flow, Lead lead, List<StepResult> finishedSteps) {
        this.flow = flow;
        this.lead = lead;
        finishedSteps.forEach(this::append);
    }

    public Lead lead() {
        return lead;
    }

    public Flow flow() {
        return flow;
    }

    /** A view that also sees this step's result. */
    public LeadView with(StepResult step) {
        LeadView view = new LeadView(flow, lead, List.of());
        view.appended.putAll(appended);
        view.append(step);
        return view;
    }

    /** The same view of another version of the lead (its sealed fields opened, say). */
    public LeadView withLead(Lead other) {
        LeadView view = new LeadView(flow, other, List.of());
        view.appended.putAll(appended);
        return view;
    }

    /** The appended data by entity namespace. */
    public Map<String, Object> appended() {
        return appended;
    }

    /** The value at a path; a field gives its {@link TypedValue}. Null when there is none. */
    public Object resolve(String path) {
        String[] parts = path.split("\\.", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        return switch (parts[0]) {
            case "lead" -> resolveLead(rest);
            case "appended" -> TreePaths.get(appended, rest);
            case "source" -> rest.equals("id") ? lead.sourceId()
                    : rest.equals("name") ? flow.source(lead.sourceId()).map(s -> s.name()).orElse(null) : null;
            case "flow" -> rest.equals("id") ? flow.id() : rest.equals("name") ? flow.name() : null;
            case "submission" -> rest.equals("timestamp") ? lead.submittedAt().toString() : null;
            default -> null;
        };
    }

    private Object resolveLead(String path) {
        if (lead.fields().containsKey(path)) {
            return lead.fields().get(path);
        }
        if (path.equals("id")) {
            return lead.id();
        }
        int dot = path.lastIndexOf('.');
        if (dot > 0) {
            TypedValue field = lead.fields().get(path.substring(0, dot));
            if (field != null) {
                return field.part(path.substring(dot + 1));
            }
        }
        return null;
    }

    private void append(StepResult step) {
        if (step.entity() == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>(step.appended());
        data.put("outcome", step.outcome().wireName());
        data.put("reason", step.reason());
        if (step.price() != null) {
            data.put("price", step.price());
        }
        if (step.reference() != null) {
            data.put("reference", step.reference());
        }
        appended.put(StepDefinition.namespaceOf(step.entity()), data);
    }
}
