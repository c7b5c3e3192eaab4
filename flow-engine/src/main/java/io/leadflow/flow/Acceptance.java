package io.leadflow.flow;

import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.rules.Rules;
import io.leadflow.integration.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * A submission's acceptance criteria: every {@code required} field is not blank, then the flow's rule set, then the
 * source's. A refused submission still becomes a lead, which completes at once with outcome failure and the reason.
 */
public final class Acceptance {

    private Acceptance() {
    }

    /**
     * Criteria: a rule set over the lead that must hold, and the reason a refused source is told; a null reason
     * names the first rule of an {@code and} set that failed ("Acceptance criteria not met: lead.email is not blank").
     */
    public record Criteria(RuleSet ruleSet, String reason) {

        /** No criteria: every submission passes. */
        public static final Criteria NONE = new Criteria(RuleSet.always(), null);

        Optional<String> refusal(LeadView view) {
            if (Rules.holds(ruleSet, view)) {
                return Optional.empty();
            }
            return Optional.of(reason != null ? reason : describeFailure(view));
        }

        private String describeFailure(LeadView view) {
            if (ruleSet.op() == RuleSet.Join.AND) {
                for (RuleSet.Rule rule : ruleSet.rules()) {
                    if (rule.ruleSet() == null && !Rules.holds(new RuleSet(RuleSet.Join.AND, List.of(rule)), view)) {
                        return "Acceptance criteria not met: " + rule.lhv() + " " + rule.op()
                                + (rule.rhv() == null ? "" : " " + rule.rhv());
                    }
                }
            }
            return "Acceptance criteria not met";
        }
    }

    /** Why the lead is refused, or empty when it is accepted. */
    public static Optional<LeadStop> check(Flow flow, SourceDefinition source, Lead lead) {
        LeadView view = new LeadView(flow, lead, List.of());
        for (FieldDefinition field : flow.fields()) {
            if (field.required() && !Rules.holds(requiredRule(field), view)) {
                return refused(field.id() + " is required");
            }
        }
        return flow.acceptance().refusal(view)
                .or(() -> source.acceptance().refusal(view))
                .flatMap(Acceptance::refused);
    }

    private static RuleSet requiredRule(FieldDefinition field) {
        return new RuleSet(RuleSet.Join.AND, List.of(new RuleSet.Rule("lead." + field.id(), "is not blank", null, null)));
    }

    private static Optional<LeadStop> refused(String reason) {
        return Optional.of(new LeadStop(null, Outcome.FAILURE, reason));
    }
}
