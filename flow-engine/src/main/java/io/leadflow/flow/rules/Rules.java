package io.leadflow.flow.rules;

import io.leadflow.flow.RuleSet;
import io.leadflow.flow.RuleSet.Rule;
import io.leadflow.integration.TypedValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Evaluates rule sets over a {@link LeadView} with LeadConduit's operator names. Text compares case-insensitively,
 * numbers numerically; a typed value compares by its normal form when valid, else by what the source sent.
 */
public final class Rules {

    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "0");

    private static final Map<String, BiPredicate<Object, Object>> OPERATORS = Map.ofEntries(
            Map.entry("is equal to", Rules::equal),
            Map.entry("is not equal to", (left, right) -> !equal(left, right)),
            Map.entry("is blank", (left, right) -> blank(left)),
            Map.entry("is not blank", (left, right) -> !blank(left)),
            Map.entry("is true", (left, right) -> truth(left).orElse(false)),
            Map.entry("is false", (left, right) -> !truth(left).orElse(true)),
            Map.entry("is not true", (left, right) -> !truth(left).orElse(false)),
            Map.entry("is greater than", (left, right) -> compare(left, right) > 0),
            Map.entry("is less than", (left, right) -> compare(left, right) < 0),
            Map.entry("is included in", Rules::included),
            Map.entry("is not included in", (left, right) -> !included(left, right)),
            Map.entry("contains", Rules::contains),
            Map.entry("does not contain", (left, right) -> !contains(left, right)));

    private static final Set<String> UNARY = Set.of("is blank", "is not blank", "is true", "is false", "is not true");

    private Rules() {
    }

    public static Set<String> operators() {
        return OPERATORS.keySet();
    }

    public static boolean needsRightHandValue(String operator) {
        return !UNARY.contains(operator);
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

    private static boolean holds(Rule rule, LeadView view) {
        if (rule.ruleSet() != null) {
            return holds(rule.ruleSet(), view);
        }
        Object left = comparable(view.resolve(rule.lhv()));
        Object right = rule.rhv() instanceof String text ? comparable(Templates.render(text, view)) : rule.rhv();
        return OPERATORS.get(rule.op()).test(left, right);
    }

    private static Object comparable(Object value) {
        return value instanceof TypedValue typed ? typed.outboundValue() : value;
    }

    private static boolean blank(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        return value == null || value.toString().isBlank();
    }

    private static Optional<Boolean> truth(Object value) {
        if (value instanceof Boolean bool) {
            return Optional.of(bool);
        }
        if (blank(value)) {
            return Optional.empty();
        }
        String word = value.toString().trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return Optional.of(true);
        }
        return FALSE_WORDS.contains(word) ? Optional.of(false) : Optional.empty();
    }

    private static boolean equal(Object left, Object right) {
        Optional<BigDecimal> leftNumber = number(left);
        Optional<BigDecimal> rightNumber = number(right);
        if (leftNumber.isPresent() && rightNumber.isPresent()) {
            return leftNumber.get().compareTo(rightNumber.get()) == 0;
        }
        if (blank(left) || blank(right)) {
            return blank(left) && blank(right);
        }
        return text(left).equals(text(right));
    }

    /** Negative, zero or positive; zero also when either side is not a number (so both comparisons fail). */
    private static int compare(Object left, Object right) {
        Optional<BigDecimal> leftNumber = number(left);
        Optional<BigDecimal> rightNumber = number(right);
        if (leftNumber.isEmpty() || rightNumber.isEmpty()) {
            return 0;
        }
        return leftNumber.get().compareTo(rightNumber.get());
    }

    private static boolean included(Object left, Object right) {
        return !blank(left) && members(right).stream().anyMatch(member -> equal(left, member));
    }

    private static boolean contains(Object left, Object right) {
        if (left instanceof Collection<?> collection) {
            return collection.stream().anyMatch(item -> equal(item, right));
        }
        return !blank(left) && !blank(right) && text(left).contains(text(right));
    }

    private static List<?> members(Object right) {
        if (right instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (right == null) {
            return List.of();
        }
        return Arrays.stream(right.toString().split(",")).map(String::trim).toList();
    }

    private static Optional<BigDecimal> number(Object value) {
        if (!(value instanceof Number) && !(value instanceof String)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.toString().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String text(Object value) {
        return Templates.text(value).trim().toLowerCase(Locale.ROOT);
    }
}
