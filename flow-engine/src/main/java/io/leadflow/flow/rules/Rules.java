package io.leadflow.flow.rules;

import static io.leadflow.flow.rules.Comparisons.blank;
import static io.leadflow.flow.rules.Comparisons.equal;
import static io.leadflow.flow.rules.Comparisons.truth;

import io.leadflow.flow.RuleSet;
import io.leadflow.flow.RuleSet.Rule;
import io.leadflow.integration.TypedValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Evaluates rule sets over a {@link LeadView} with LeadConduit's operator names (see flow-engine's README for the
 * table). Every {@code not} operator is the exact complement of its positive; text compares case-insensitively,
 * numbers numerically, ISO dates and times chronologically.
 */
public final class Rules {

    private static final Map<String, BiPredicate<Object, Object>> OPERATORS = new LinkedHashMap<>();
    private static final Set<String> UNARY = Set.of("is blank", "is not blank", "is true", "is not true", "is false",
            "is not false", "format is valid", "format is invalid");
    private static final Set<String> LIST_OPERATORS = Set.of("is included in", "is not included in", "is between",
            "is not between", "includes", "does not include", "contains", "does not contain");

    static {
        both("is equal to", "is not equal to", Comparisons::equal);
        both("is blank", "is not blank", (left, right) -> blank(left));
        both("is true", "is not true", (left, right) -> truth(left).orElse(false));
        both("is false", "is not false", (left, right) -> !truth(left).orElse(true));
        both("is included in", "is not included in", Rules::included);
        both("includes", "does not include", Rules::contains);
        both("contains", "does not contain", Rules::contains);
        OPERATORS.put("is greater than", (left, right) -> ordered(left, right, sign -> sign > 0));
        OPERATORS.put("is greater than or equal to", (left, right) -> ordered(left, right, sign -> sign >= 0));
        OPERATORS.put("is less than", (left, right) -> ordered(left, right, sign -> sign < 0));
        OPERATORS.put("is less than or equal to", (left, right) -> ordered(left, right, sign -> sign <= 0));
        both("is between", "is not between", Rules::between);
        OPERATORS.put("format is valid", (left, right) -> !blank(left) && (!(left instanceof TypedValue t) || t.valid()));
        OPERATORS.put("format is invalid", (left, right) -> !blank(left) && left instanceof TypedValue t && !t.valid());
        both("matches pattern", "does not match pattern", Rules::matches);
    }

    private Rules() {
    }

    private static void both(String positive, String negative, BiPredicate<Object, Object> test) {
        OPERATORS.put(positive, test);
        OPERATORS.put(negative, test.negate());
    }

    /** The operator names, in the order of the README's table. */
    public static Set<String> operators() {
        return Collections.unmodifiableSet(OPERATORS.keySet());
    }

    public static boolean needsRightHandValue(String operator) {
        return !UNARY.contains(operator);
    }

    /**
     * What is wrong with a rule's right-hand value for its operator, checked when a flow is loaded: a value where
     * none is taken, a list or mapping where one value is, bounds of {@code is between}, a pattern that does not
     * compile or is a template. Other templates ({@code {{lead.state}}}) are read when the rule runs. Empty when fine.
     */
    public static Optional<String> problemWithRightHandValue(String operator, Object rhv) {
        if (!needsRightHandValue(operator)) {
            return rhv == null ? Optional.empty() : Optional.of("is not taken by operator '" + operator + "'");
        }
        if (rhv instanceof Map) {
            return Optional.of("must be a value or a list, not a mapping");
        }
        if (rhv instanceof Collection<?> && !LIST_OPERATORS.contains(operator)) {
            return Optional.of("must be a single value for operator '" + operator + "', not a list");
        }
        if (operator.endsWith("pattern")) {
            return patternProblem(rhv);
        }
        if (rhv instanceof String text && text.contains("{{")) {
            return Optional.empty();
        }
        return operator.endsWith("between") ? betweenProblem(rhv) : Optional.empty();
    }

    /** Whether the rule set holds for the lead; an empty rule set holds. */
    public static boolean holds(RuleSet ruleSet, LeadView view) {
        if (ruleSet == null || ruleSet.rules().isEmpty()) {
            return true;
        }
        return ruleSet.op() == RuleSet.Join.AND
                ? ruleSet.rules().stream().allMatch(rule -> holds(rule, view))
                : ruleSet.rules().stream().anyMatch(rule -> holds(rule, view));
    }

    /**
     * What did not hold, as the flow file spells it ({@code lead.email.is_free is false}), never a lead's values: the
     * first unmet rule of an {@code and} set, every rule of an {@code or} set. Empty when the rule set holds.
     */
    public static Optional<String> unmet(RuleSet ruleSet, LeadView view) {
        if (holds(ruleSet, view)) {
            return Optional.empty();
        }
        if (ruleSet.op() == RuleSet.Join.OR) {
            return Optional.of(describe(ruleSet));
        }
        Rule rule = ruleSet.rules().stream().filter(candidate -> !holds(candidate, view)).findFirst().orElseThrow();
        if (rule.lhv() != null && !compare(rule, view)) {
            return Optional.of(describeComparison(rule));
        }
        return unmet(rule.ruleSet(), view).map(nested -> rule.ruleSet().rules().size() > 1
                && rule.ruleSet().op() == RuleSet.Join.OR ? "(" + nested + ")" : nested);
    }

    /** A rule holds when its comparison holds (if it has one) and its nested rule set holds (if it has one). */
    private static boolean holds(Rule rule, LeadView view) {
        return (rule.lhv() == null || compare(rule, view)) && (rule.ruleSet() == null || holds(rule.ruleSet(), view));
    }

    private static boolean compare(Rule rule, LeadView view) {
        Object left = view.resolve(rule.lhv());
        return OPERATORS.get(rule.op()).test(left, render(rule.rhv(), view));
    }

    private static Object render(Object rhv, LeadView view) {
        if (rhv instanceof String text) {
            return Templates.render(text, view);
        }
        if (rhv instanceof Collection<?> items) {
            List<Object> rendered = new ArrayList<>();
            items.forEach(item -> rendered.add(render(item, view)));
            return rendered;
        }
        return rhv;
    }

    private static String describe(RuleSet ruleSet) {
        String joiner = ruleSet.op() == RuleSet.Join.AND ? " and " : " or ";
        return ruleSet.rules().stream().map(rule -> {
            String comparison = rule.lhv() == null ? null : describeComparison(rule);
            String nested = rule.ruleSet() == null || rule.ruleSet().rules().isEmpty() ? null
                    : "(" + describe(rule.ruleSet()) + ")";
            return comparison == null ? nested : nested == null ? comparison : comparison + " and " + nested;
        }).filter(text -> text != null).collect(Collectors.joining(joiner));
    }

    private static String describeComparison(Rule rule) {
        if (rule.rhv() == null) {
            return rule.lhv() + " " + rule.op();
        }
        String rhv = rule.rhv() instanceof Collection<?> items
                ? items.stream().map(String::valueOf).collect(Collectors.joining(", ")) : String.valueOf(rule.rhv());
        return rule.lhv() + " " + rule.op() + " " + rhv;
    }

    /** The left value (or, for a list, any of its items) is one of the members. */
    private static boolean included(Object left, Object right) {
        if (blank(left)) {
            return false;
        }
        if (Comparisons.plain(left) instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> included(item, right));
        }
        return Comparisons.members(right).stream().anyMatch(member -> equal(left, member));
    }

    /** A list has an item equal to the right value, or a text contains it; a list right value: any of its items. */
    private static boolean contains(Object left, Object right) {
        Object plain = Comparisons.plain(right);
        if (plain instanceof Collection<?> needles) {
            return needles.stream().anyMatch(needle -> contains(left, needle));
        }
        if (blank(left) || blank(plain)) {
            return false;
        }
        if (Comparisons.plain(left) instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> equal(item, plain));
        }
        return Comparisons.text(left).contains(Comparisons.text(plain));
    }

    /** False when either value is missing or they are of different kinds (a number and a date, say). */
    private static boolean ordered(Object left, Object right, IntPredicate sign) {
        return Comparisons.order(left, right).map(sign::test).orElse(false);
    }

    /** Inclusive at both ends; false when the value or a bound is missing or of another kind. */
    private static boolean between(Object left, Object right) {
        return Comparisons.bounds(right).map(bounds ->
                ordered(left, bounds.get(0), sign -> sign >= 0) && ordered(left, bounds.get(1), sign -> sign <= 0))
                .orElse(false);
    }

    /** The pattern is found in the value's text (anchor it with ^ and $ to match the whole); never for an invalid one. */
    private static boolean matches(Object left, Object right) {
        Object plain = Comparisons.plain(left);
        if (blank(plain) || blank(right)) {
            return false;
        }
        if (plain instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> matches(item, right));
        }
        try {
            Pattern pattern = Comparisons.pattern(Templates.text(Comparisons.plain(right)));
            return pattern.matcher(Templates.text(plain)).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static Optional<String> betweenProblem(Object rhv) {
        Optional<List<Object>> bounds = Comparisons.bounds(rhv);
        if (bounds.isEmpty()) {
            return Optional.of("must be two values: a list [low, high] or text such as 10..20, 10 to 20 or 10-20");
        }
        Optional<Integer> order = Comparisons.order(bounds.get().get(0), bounds.get().get(1));
        if (order.isPresent() && order.get() > 0) {
            return Optional.of("the low bound " + bounds.get().get(0) + " is above the high bound " + bounds.get().get(1));
        }
        return Optional.empty();
    }

    private static Optional<String> patternProblem(Object rhv) {
        if (!(rhv instanceof String text) || text.isBlank()) {
            return Optional.of("must be a pattern such as /^\\d{5}$/ or /abc/i");
        }
        if (text.contains("{{")) {
            return Optional.of("must be a pattern written in the flow, not a template (a lead's value never becomes a "
                    + "regular expression)");
        }
        try {
            Comparisons.pattern(text);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a valid pattern: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }
}
