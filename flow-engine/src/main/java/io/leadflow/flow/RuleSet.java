package io.leadflow.flow;

import java.util.List;

/** Rules joined with {@code and} or {@code or}; a rule may nest a rule set. An empty rule set holds. */
public record RuleSet(Join op, List<Rule> rules) {

    /** How a rule set joins its rules. */
    public enum Join {
        AND, OR
    }

    public static RuleSet always() {
        return new RuleSet(Join.AND, List.of());
    }

    /**
     * One comparison: left-hand value (a path such as {@code lead.phone_1.area}), operator ({@code is equal to}) and
     * right-hand value (text, number, boolean, a list, or a template); or a nested rule set.
     */
    public record Rule(String lhv, String op, Object rhv, RuleSet ruleSet) {
    }
}
