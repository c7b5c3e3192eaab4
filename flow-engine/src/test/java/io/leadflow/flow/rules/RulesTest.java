package io.leadflow.flow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.Flow;
import io.leadflow.flow.Lead;
import io.leadflow.flow.RuleSet;
import io.leadflow.flow.RuleSet.Join;
import io.leadflow.flow.RuleSet.Rule;
import io.leadflow.flow.SourceDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.ResponseMode;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesTest {

    static final Flow FLOW = new Flow("solar", "Solar", true, "rev", List.of(),
            List.of(new SourceDefinition("web", "Web forms", true, ResponseMode.SYNC, Duration.ofSeconds(1), false)),
            List.of(), Map.of());

    static final Lead LEAD = new Lead("lead-1", "solar", "rev", "web", Instant.parse("2026-11-28T10:00:00Z"), Map.of(
            "phone_1", new TypedValue("phone", "512-789-1111", "5127891111", true,
                    Map.of("area", "512", "is_tollfree", false)),
            "email", new TypedValue("email", "Bob@Gmail.com", "bob@gmail.com", true, Map.of("is_free", true)),
            "age", new TypedValue("number", "42", 42L, true, Map.of()),
            "income", new TypedValue("number", "lots", null, false, Map.of()),
            "state", new TypedValue("string", "TX", "TX", true, Map.of()),
            "blank", new TypedValue("string", "  ", "  ", true, Map.of())));

    static final StepResult PHONE_CHECK = new StepResult("check", StepKind.ENHANCEMENT, "Phone Check",
            "test.outbound.echo", Outcome.SUCCESS, null, null, null,
            Map.of("line_type", "mobile", "score", 0.8, "tags", List.of("a", "b")), Instant.EPOCH, Duration.ZERO, 200);

    static final LeadView VIEW = new LeadView(FLOW, LEAD, List.of(PHONE_CHECK));

    record Case(String lhv, String op, Object rhv, boolean holds) {
    }

    static final List<Case> CASES = List.of(
            new Case("lead.state", "is equal to", "tx", true),
            new Case("lead.state", "is equal to", "CA", false),
            new Case("lead.age", "is equal to", "42.0", true),
            new Case("lead.age", "is equal to", 42, true),
            new Case("lead.email", "is equal to", "BOB@gmail.com", true),
            new Case("lead.state", "is not equal to", "CA", true),
            new Case("lead.missing", "is not equal to", "CA", true),
            new Case("lead.missing", "is blank", null, true),
            new Case("lead.blank", "is blank", null, true),
            new Case("lead.state", "is blank", null, false),
            new Case("lead.state", "is not blank", null, true),
            new Case("lead.income", "is not blank", null, true),
            new Case("lead.email.is_free", "is true", null, true),
            new Case("lead.phone_1.is_tollfree", "is true", null, false),
            new Case("lead.phone_1.is_tollfree", "is false", null, true),
            new Case("lead.missing", "is false", null, false),
            new Case("lead.missing", "is not true", null, true),
            new Case("lead.phone_1.valid", "is true", null, true),
            new Case("lead.income.valid", "is false", null, true),
            new Case("lead.age", "is greater than", 41, true),
            new Case("lead.age", "is greater than", "42", false),
            new Case("lead.age", "is less than", "100", true),
            new Case("lead.income", "is less than", "100", false),
            new Case("lead.state", "is included in", List.of("CA", "tx"), true),
            new Case("lead.state", "is included in", "CA, TX, NY", true),
            new Case("lead.state", "is included in", "CA, NY", false),
            new Case("lead.missing", "is included in", "CA, NY", false),
            new Case("lead.state", "is not included in", "CA, NY", true),
            new Case("lead.email", "contains", "GMAIL", true),
            new Case("lead.email", "does not contain", "yahoo", true),
            new Case("lead.phone_1.area", "is equal to", "512", true),
            new Case("lead.phone_1.raw", "is equal to", "512-789-1111", true),
            new Case("lead.id", "is equal to", "lead-1", true),
            new Case("appended.phone_check.line_type", "is equal to", "mobile", true),
            new Case("appended.phone_check.outcome", "is equal to", "success", true),
            new Case("appended.phone_check.score", "is greater than", "0.5", true),
            new Case("appended.phone_check.tags.1", "is equal to", "b", true),
            new Case("appended.phone_check.tags", "contains", "a", true),
            new Case("appended.nothing.outcome", "is equal to", "success", false),
            new Case("source.id", "is equal to", "web", true),
            new Case("source.name", "is equal to", "web forms", true),
            new Case("flow.id", "is equal to", "solar", true),
            new Case("lead.state", "is equal to", "{{lead.state}}", true),
            new Case("lead.phone_1.area", "is equal to", "{{lead.state}}", false));

    @Test
    void evaluatesEachOperatorOnFieldsComponentsAndAppendedData() {
        for (Case rule : CASES) {
            RuleSet set = new RuleSet(Join.AND, List.of(new Rule(rule.lhv(), rule.op(), rule.rhv(), null)));
            assertThat(Rules.holds(set, VIEW)).as("%s %s %s", rule.lhv(), rule.op(), rule.rhv()).isEqualTo(rule.holds());
        }
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
        };
        for (Object[] row : cases) {
            assertThat(Rules.holds((RuleSet) row[0], VIEW)).as(Arrays.toString(row)).isEqualTo(row[1]);
        }
    }
}
