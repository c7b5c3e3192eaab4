package io.leadflow.flow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.Flow;
import io.leadflow.flow.Lead;
import io.leadflow.flow.ResponseMode;
import io.leadflow.flow.RuleSet;
import io.leadflow.flow.RuleSet.Join;
import io.leadflow.flow.RuleSet.Rule;
import io.leadflow.flow.SourceDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RulesTest {

    static final Flow FLOW = new Flow("solar", "Solar", true, "rev", List.of(),
            List.of(new SourceDefinition("web", "Web forms", true, ResponseMode.SYNC, Duration.ofSeconds(1), false)),
            List.of(), Map.of());

    static final Lead LEAD = new Lead("lead-1", "solar", "rev", "web", Instant.parse("2026-11-28T10:00:00Z"), fields());

    static final StepResult PHONE_CHECK = new StepResult("check", StepKind.ENHANCEMENT, "Phone Check",
            "test.outbound.echo", Outcome.SUCCESS, null, null, null,
            Map.of("line_type", "mobile", "score", 0.8, "carrier", "AT&T Wireless", "tags", List.of("a", "b"),
                    "checked_at", "2026-11-28T09:59:00.000Z", "empty", List.of()),
            Instant.EPOCH, Duration.ZERO, 200);

    static final LeadView VIEW = new LeadView(FLOW, LEAD, List.of(PHONE_CHECK));

    private static Map<String, TypedValue> fields() {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        fields.put("phone_1", FieldTypes.parse("phone", "512-789-1111"));
        fields.put("phone_2", FieldTypes.parse("phone", "1111"));
        fields.put("email", FieldTypes.parse("email", "Bob@Gmail.com"));
        fields.put("age", FieldTypes.parse("number", "42"));
        fields.put("income", FieldTypes.parse("number", "lots"));
        fields.put("state", FieldTypes.parse("state", "tx"));
        fields.put("city", FieldTypes.parse("city", "Austin"));
        fields.put("blank", FieldTypes.parse("string", "  "));
        fields.put("dob", FieldTypes.parse("dob", "06/02/1990"));
        fields.put("moved_in", FieldTypes.parse("date", "2019-07-18"));
        fields.put("bad_date", FieldTypes.parse("date", "32/13/2020"));
        fields.put("callback", FieldTypes.parse("time", "2026-11-28T15:30:00Z"));
        fields.put("opt_in", FieldTypes.parse("boolean", "yes"));
        fields.put("is_test", FieldTypes.parse("boolean", "no"));
        fields.put("maybe", FieldTypes.parse("boolean", "perhaps"));
        fields.put("postal_code", FieldTypes.parse("postal_code", "78704"));
        return fields;
    }

    record Case(String lhv, String op, Object rhv, boolean holds) {
        @Override
        public String toString() {
            return lhv + " " + op + (rhv == null ? "" : " " + rhv) + " -> " + holds;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // is equal to / is not equal to: text case-insensitive, numbers numerically, typed right-hand values
                new Case("lead.city", "is equal to", "AUSTIN", true),
                new Case("lead.city", "is equal to", "Dallas", false),
                new Case("lead.state", "is equal to", "TX", true),
                new Case("lead.state", "is equal to", "Texas", true),
                new Case("lead.age", "is equal to", "42.0", true),
                new Case("lead.age", "is equal to", 42, true),
                new Case("lead.email", "is equal to", "BOB@gmail.com", true),
                new Case("lead.phone_1", "is equal to", "(512) 789-1111", true),
                new Case("lead.moved_in", "is equal to", "7/18/2019", true),
                new Case("lead.income", "is equal to", "LOTS", true),
                new Case("lead.opt_in", "is equal to", "true", true),
                new Case("lead.opt_in", "is equal to", true, true),
                new Case("lead.opt_in", "is equal to", "no", false),
                new Case("appended.phone_check.tags", "is equal to", List.of("A", "b"), true),
                new Case("appended.phone_check.tags", "is equal to", "a", false),
                new Case("lead.missing", "is equal to", "CA", false),
                new Case("lead.state", "is not equal to", "CA", true),
                new Case("lead.state", "is not equal to", "tx", false),
                new Case("lead.missing", "is not equal to", "CA", true),
                // is blank / is not blank: missing, whitespace, empty lists; an invalid value is not blank
                new Case("lead.missing", "is blank", null, true),
                new Case("lead.blank", "is blank", null, true),
                new Case("appended.phone_check.empty", "is blank", null, true),
                new Case("lead.state", "is blank", null, false),
                new Case("lead.state", "is not blank", null, true),
                new Case("lead.income", "is not blank", null, true),
                new Case("lead.missing", "is not blank", null, false),
                // is true / is not true / is false / is not false: booleans, components, true/false words
                new Case("lead.opt_in", "is true", null, true),
                new Case("lead.email.is_free", "is true", null, true),
                new Case("lead.phone_1.valid", "is true", null, true),
                new Case("lead.phone_1.is_tollfree", "is true", null, false),
                new Case("lead.maybe", "is true", null, false),
                new Case("lead.missing", "is true", null, false),
                new Case("lead.opt_in", "is not true", null, false),
                new Case("lead.maybe", "is not true", null, true),
                new Case("lead.missing", "is not true", null, true),
                new Case("lead.is_test", "is false", null, true),
                new Case("lead.phone_1.is_tollfree", "is false", null, true),
                new Case("lead.income.valid", "is false", null, true),
                new Case("lead.maybe", "is false", null, false),
                new Case("lead.missing", "is false", null, false),
                new Case("lead.is_test", "is not false", null, false),
                new Case("lead.opt_in", "is not false", null, true),
                new Case("lead.missing", "is not false", null, true),
                // is included in / is not included in: a list or comma-separated text (quotes keep commas)
                new Case("lead.state", "is included in", List.of("CA", "tx"), true),
                new Case("lead.state", "is included in", "CA, TX, NY", true),
                new Case("lead.state", "is included in", "CA, NY", false),
                new Case("lead.state", "is included in", "CA,Texas", true),
                new Case("appended.phone_check.carrier", "is included in", "Verizon, \"AT&T Wireless\"", true),
                new Case("lead.phone_1.area", "is included in", List.of(512, 737), true),
                new Case("appended.phone_check.tags", "is included in", "b, c", true),
                new Case("lead.missing", "is included in", "CA, NY", false),
                new Case("lead.state", "is not included in", "CA, NY", true),
                new Case("lead.state", "is not included in", List.of("TX"), false),
                new Case("lead.missing", "is not included in", "CA, NY", true),
                // includes / does not include and contains / does not contain: text and arrays
                new Case("lead.email", "contains", "GMAIL", true),
                new Case("lead.email", "contains", "yahoo", false),
                new Case("lead.email", "contains", List.of("yahoo", "gmail"), true),
                new Case("appended.phone_check.tags", "contains", "A", true),
                new Case("appended.phone_check.tags", "contains", "c", false),
                new Case("lead.missing", "contains", "a", false),
                new Case("lead.email", "does not contain", "yahoo", true),
                new Case("lead.email", "does not contain", List.of("yahoo", "gmail"), false),
                new Case("lead.missing", "does not contain", "a", true),
                new Case("appended.phone_check.tags", "includes", "b", true),
                new Case("appended.phone_check.carrier", "includes", "at&t", true),
                new Case("appended.phone_check.tags", "does not include", "c", true),
                new Case("appended.phone_check.tags", "does not include", "a", false),
                // comparisons: numbers, dates and times, text; missing, invalid and mixed kinds never compare
                new Case("lead.age", "is greater than", 41, true),
                new Case("lead.age", "is greater than", "42", false),
                new Case("lead.age", "is greater than or equal to", "42", true),
                new Case("lead.age", "is greater than or equal to", "43", false),
                new Case("lead.age", "is less than", "100", true),
                new Case("lead.age", "is less than", "9", false),
                new Case("lead.age", "is less than or equal to", "42", true),
                new Case("lead.age", "is less than or equal to", "41.5", false),
                new Case("appended.phone_check.score", "is greater than", "0.5", true),
                new Case("lead.dob.age", "is greater than or equal to", 18, true),
                new Case("lead.dob", "is less than", "2000-01-01", true),
                new Case("lead.dob", "is less than", "1/1/1990", false),
                new Case("lead.moved_in", "is greater than", "2019-07-17", true),
                new Case("submission.timestamp", "is greater than", "2026-11-28", true),
                new Case("submission.timestamp", "is less than", "2026-11-28T10:00:01Z", true),
                new Case("submission.timestamp", "is less than or equal to", "2026-11-28T11:00:00+01:00", true),
                new Case("submission.timestamp", "is greater than", "2026-11-28T11:00:00+01:00", false),
                new Case("lead.callback", "is greater than", "{{submission.timestamp}}", true),
                new Case("appended.phone_check.checked_at", "is less than", "{{submission.timestamp}}", true),
                new Case("lead.city", "is greater than", "aardvark", true),
                new Case("lead.city", "is less than", "BOSTON", true),
                new Case("lead.income", "is less than", "100", false),
                new Case("lead.income", "is greater than", "100", false),
                new Case("lead.bad_date", "is less than", "2030-01-01", false),
                new Case("lead.moved_in", "is less than", 100, false),
                new Case("lead.missing", "is less than", "100", false),
                new Case("lead.missing", "is greater than or equal to", "0", false),
                // is between / is not between: inclusive; a list, a..b, a to b, or a-b of numbers
                new Case("lead.age", "is between", List.of(18, 65), true),
                new Case("lead.age", "is between", "42..50", true),
                new Case("lead.age", "is between", "18-42", true),
                new Case("lead.age", "is between", "43 to 65", false),
                new Case("lead.phone_1.area", "is between", "500-599", true),
                new Case("lead.dob", "is between", "1990-01-01..1990-12-31", true),
                new Case("lead.dob", "is between", List.of("1/1/1991", "12/31/1999"), false),
                new Case("submission.timestamp", "is between", "2026-11-28T09:00:00Z..2026-11-28T10:00:00Z", true),
                new Case("lead.income", "is between", "0..1000", false),
                new Case("lead.missing", "is between", "0..1000", false),
                new Case("lead.age", "is not between", "43..65", true),
                new Case("lead.age", "is not between", List.of(40, 42), false),
                new Case("lead.missing", "is not between", "0..1000", true),
                // format is valid / format is invalid: the typed value's valid; a missing value is neither
                new Case("lead.phone_1", "format is valid", null, true),
                new Case("lead.phone_2", "format is valid", null, false),
                new Case("lead.phone_2", "format is invalid", null, true),
                new Case("lead.income", "format is invalid", null, true),
                new Case("lead.bad_date", "format is invalid", null, true),
                new Case("lead.email", "format is invalid", null, false),
                new Case("appended.phone_check.line_type", "format is valid", null, true),
                new Case("appended.phone_check.line_type", "format is invalid", null, false),
                new Case("lead.missing", "format is valid", null, false),
                new Case("lead.missing", "format is invalid", null, false),
                new Case("lead.blank", "format is valid", null, false),
                // matches pattern / does not match pattern: /regex/flags or a plain (case-insensitive) regex
                new Case("lead.postal_code", "matches pattern", "/^787\\d{2}$/", true),
                new Case("lead.postal_code", "matches pattern", "^787", true),
                new Case("lead.email", "matches pattern", "/GMAIL/", false),
                new Case("lead.email", "matches pattern", "/GMAIL/i", true),
                new Case("lead.email", "matches pattern", "GMAIL\\.com$", true),
                new Case("lead.phone_1.raw", "matches pattern", "^\\d{3}-\\d{3}-\\d{4}$", true),
                new Case("appended.phone_check.tags", "matches pattern", "^b$", true),
                new Case("lead.income", "matches pattern", "^lots$", true),
                new Case("lead.missing", "matches pattern", ".*", false),
                new Case("lead.city", "matches pattern", "{{lead.state}}[", false),
                new Case("lead.city", "does not match pattern", "^dal", true),
                new Case("lead.city", "does not match pattern", "/^Aus/", false),
                new Case("lead.missing", "does not match pattern", ".*", true),
                new Case("lead.city", "does not match pattern", "{{lead.state}}[", true),
                // left-hand values: lead components, appended, source, flow, submission; templates on the right
                new Case("lead.phone_1.area", "is equal to", "512", true),
                new Case("lead.phone_1.raw", "is equal to", "512-789-1111", true),
                new Case("lead.id", "is equal to", "lead-1", true),
                new Case("appended.phone_check.line_type", "is equal to", "mobile", true),
                new Case("appended.phone_check.outcome", "is equal to", "success", true),
                new Case("appended.phone_check.tags.1", "is equal to", "b", true),
                new Case("appended.nothing.outcome", "is equal to", "success", false),
                new Case("source.id", "is equal to", "web", true),
                new Case("source.name", "is equal to", "web forms", true),
                new Case("flow.id", "is equal to", "solar", true),
                new Case("submission.timestamp", "is equal to", "2026-11-28T10:00:00.000Z", true),
                new Case("lead.state", "is equal to", "{{lead.state}}", true),
                new Case("lead.phone_1.area", "is equal to", "{{lead.state}}", false),
                new Case("lead.state", "is included in", List.of("CA", "{{lead.state}}"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesEveryOperator(Case rule) {
        RuleSet set = new RuleSet(Join.AND, List.of(new Rule(rule.lhv(), rule.op(), rule.rhv(), null)));

        assertThat(Rules.holds(set, VIEW)).isEqualTo(rule.holds());
    }

    @Test
    void everyOperatorIsCoveredAndEveryNegationIsTheComplementOfItsPositive() {
        Set<String> covered = new HashSet<>();
        cases().forEach(rule -> covered.add(rule.op()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Rules.operators());
        assertThat(Rules.operators()).hasSize(24);

        Map<String, String> negations = Map.of("is equal to", "is not equal to", "is blank", "is not blank",
                "is true", "is not true", "is false", "is not false", "is included in", "is not included in",
                "includes", "does not include", "contains", "does not contain", "is between", "is not between",
                "matches pattern", "does not match pattern");
        cases().filter(rule -> negations.containsKey(rule.op())).forEach(rule -> {
            Rule negated = new Rule(rule.lhv(), negations.get(rule.op()), rule.rhv(), null);
            assertThat(Rules.holds(new RuleSet(Join.AND, List.of(negated)), VIEW)).as("not: %s", rule)
                    .isEqualTo(!rule.holds());
        });
    }

    @Test
    void joinsRulesWithAndOrAndNesting() {
        Rule yes = new Rule("lead.state", "is equal to", "TX", null);
        Rule no = new Rule("lead.state", "is equal to", "CA", null);
        Object[][] cases = {
                {new RuleSet(Join.AND, List.of()), true},
                {new RuleSet(Join.OR, List.of()), true},
                {new RuleSet(Join.AND, List.of(yes, no)), false},
                {new RuleSet(Join.OR, List.of(yes, no)), true},
                {new RuleSet(Join.AND, List.of(yes, new Rule(null, null, null, new RuleSet(Join.OR, List.of(no, yes))))), true},
                {new RuleSet(Join.AND, List.of(yes, new Rule(null, null, null, new RuleSet(Join.AND, List.of(no))))), false},
                {new RuleSet(Join.AND, List.of(new Rule("lead.state", "is equal to", "TX",
                        new RuleSet(Join.AND, List.of(no))))), false},
                {new RuleSet(Join.AND, List.of(new Rule("lead.state", "is equal to", "TX",
                        new RuleSet(Join.OR, List.of(no, yes))))), true},
                {new RuleSet(Join.OR, List.of(new Rule("lead.state", "is equal to", "CA",
                        new RuleSet(Join.AND, List.of(yes))))), false},
        };
        for (Object[] row : cases) {
            assertThat(Rules.holds((RuleSet) row[0], VIEW)).as(Arrays.toString(row)).isEqualTo(row[1]);
        }
    }

    @Test
    void namesWhatDidNotHoldAsTheFlowSpellsItNeverTheLeadsValues() {
        Rule free = new Rule("lead.email.is_free", "is false", null, null);
        Rule texan = new Rule("lead.state", "is equal to", "TX", null);
        Rule californian = new Rule("lead.state", "is included in", List.of("CA", "NV"), null);
        Rule adult = new Rule("lead.age", "is between", "18..30", null);
        Object[][] cases = {
                {new RuleSet(Join.AND, List.of(texan)), Optional.empty()},
                {new RuleSet(Join.AND, List.of(texan, free, adult)), Optional.of("lead.email.is_free is false")},
                {new RuleSet(Join.OR, List.of(californian, adult)),
                        Optional.of("lead.state is included in CA, NV or lead.age is between 18..30")},
                {new RuleSet(Join.AND, List.of(texan, new Rule(null, null, null,
                        new RuleSet(Join.OR, List.of(californian, free))))),
                        Optional.of("(lead.state is included in CA, NV or lead.email.is_free is false)")},
                {new RuleSet(Join.AND, List.of(new Rule("lead.state", "is equal to", "TX",
                        new RuleSet(Join.AND, List.of(adult))))), Optional.of("lead.age is between 18..30")},
        };
        for (Object[] row : cases) {
            assertThat(Rules.unmet((RuleSet) row[0], VIEW)).as(Arrays.toString(row)).isEqualTo(row[1]);
        }
    }

    @Test
    void checksRightHandValuesAsAFlowIsLoaded() {
        Object[][] cases = {
                {"is blank", null, Optional.empty()},
                {"is blank", "x", Optional.of("is not taken by operator 'is blank'")},
                {"format is valid", true, Optional.of("is not taken by operator 'format is valid'")},
                {"is equal to", "TX", Optional.empty()},
                {"is equal to", List.of("TX", "CA"), Optional.of("must be a single value for operator 'is equal to', not a list")},
                {"is greater than", Map.of("a", 1), Optional.of("must be a value or a list, not a mapping")},
                {"is included in", List.of("TX", "CA"), Optional.empty()},
                {"contains", List.of("x", "y"), Optional.empty()},
                {"is between", List.of(1, 2), Optional.empty()},
                {"is between", "1..2", Optional.empty()},
                {"is between", "2026-01-01..2026-12-31", Optional.empty()},
                {"is between", "{{lead.range}}", Optional.empty()},
                {"is between", List.of(1, 2, 3), Optional.of(
                        "must be two values: a list [low, high] or text such as 10..20, 10 to 20 or 10-20")},
                {"is not between", "10", Optional.of(
                        "must be two values: a list [low, high] or text such as 10..20, 10 to 20 or 10-20")},
                {"is between", "20..10", Optional.of("the low bound 20 is above the high bound 10")},
                {"matches pattern", "/^\\d{5}$/", Optional.empty()},
                {"matches pattern", "^[a-z]+$", Optional.empty()},
                {"does not match pattern", "/[a-z/", Optional.of(
                        "is not a valid pattern: Unclosed character class near index 3")},
                {"matches pattern", "/abc/x", Optional.of("is not a valid pattern: unknown flag 'x' (allowed: g, i, m, s, u)"
                        + " near index 5")},
                {"matches pattern", 42, Optional.of("must be a pattern such as /^\\d{5}$/ or /abc/i")},
                {"matches pattern", "{{lead.pattern}}", Optional.of("must be a pattern written in the flow, not a "
                        + "template (a lead's value never becomes a regular expression)")},
        };
        for (Object[] row : cases) {
            assertThat(Rules.problemWithRightHandValue((String) row[0], row[1])).as(Arrays.toString(row))
                    .isEqualTo(row[2]);
        }
    }
}
