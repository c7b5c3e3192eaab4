package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.flow.RuleSet.Join;
import io.leadflow.flow.RuleSet.Rule;
import io.leadflow.flow.testing.EchoOutbound;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules as a flow file spells them (operators, right-hand values, nested rule sets) and a step's {@code cache_ttl}. */
class FlowLoaderRulesTest {

    private static final String VALID = """
            id: solar
            sources: [ { id: web } ]
            steps:
              - id: check
                type: enhancement
                entity: Phone Check
                integration: test.outbound.echo
                cache_ttl: 24h
                mappings: { url: "https://check.example/", field.phone: "{{lead.phone_1}}" }
              - id: quality
                type: filter
                reason: Poor lead
                rule_set:
                  op: or
                  rules:
                    - { lhv: lead.age, op: is between, rhv: [ 18, 65 ] }
                    - { lhv: lead.postal_code, op: does not match pattern, rhv: "/^\\\\d{5}$/" }
                    - { lhv: lead.state, op: is included in, rhv: "CA, NY" }
                    - { lhv: lead.email.is_free, op: is true,
                        rule_set: { op: and, rules: [ { lhv: lead.phone_1, op: format is invalid } ] } }
                    - rule_set: { rules: [ { lhv: submission.timestamp, op: is less than, rhv: "{{lead.callback}}" } ] }
              - id: buyer
                type: recipient
                entity: Buyer
                integration: test.outbound.echo
                criteria: { rules: [ { lhv: appended.phone_check.outcome, op: is not equal to, rhv: failure } ] }
                mappings: { url: "https://buyer.example/" }
            """;

    private static FlowLoader loader() {
        return new FlowLoader(EchoOutbound.catalog(), new References(name -> null, Path.of(".")));
    }

    @Test
    void readsOperatorsListsPatternsAndNestedRuleSets() {
        Flow flow = loader().parse("solar.yaml", VALID);

        assertThat(flow.steps().get(1).ruleSet()).isEqualTo(new RuleSet(Join.OR, List.of(
                new Rule("lead.age", "is between", List.of(18, 65), null),
                new Rule("lead.postal_code", "does not match pattern", "/^\\d{5}$/", null),
                new Rule("lead.state", "is included in", "CA, NY", null),
                new Rule("lead.email.is_free", "is true", null, new RuleSet(Join.AND, List.of(
                        new Rule("lead.phone_1", "format is invalid", null, null)))),
                new Rule(null, null, null, new RuleSet(Join.AND, List.of(
                        new Rule("submission.timestamp", "is less than", "{{lead.callback}}", null)))))));
    }

    @Test
    void anEnhancementStepKeepsItsCacheTtlAndOtherStepsHaveNone() {
        Flow flow = loader().parse("solar.yaml", VALID);

        assertThat(flow.steps()).extracting(StepDefinition::cacheTtl)
                .containsExactly(Duration.ofHours(24), null, null);
        assertThat(loader().parse("solar.yaml", VALID.replace("24h", "90s")).steps().get(0).cacheTtl())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown operator              | 'op: is included in'      | 'op: is one of'  | 'f.yaml: steps[1].rule_set.rules[2].op: unknown operator ''is one of'' (known: contains, does not contain, does not include, does not match pattern, format is invalid, format is valid, includes, is between, is blank, is equal to, is false, is greater than, is greater than or equal to, is included in, is less than, is less than or equal to, is not between, is not blank, is not equal to, is not false, is not included in, is not true, is true, matches pattern)'
            right-hand value not taken    | 'op: format is invalid'   | 'op: format is invalid, rhv: x' | 'f.yaml: steps[1].rule_set.rules[3].rule_set.rules[0].rhv: is not taken by operator ''format is invalid'''
            right-hand value missing      | 'op: is less than, rhv: "{{lead.callback}}"' | 'op: is less than' | 'f.yaml: steps[1].rule_set.rules[4].rule_set.rules[0].rhv: is required for operator ''is less than'''
            invalid pattern               | '"/^\\\\d{5}$/"'          | '"/^\\\\d{5$/"'  | 'f.yaml: steps[1].rule_set.rules[1].rhv: is not a valid pattern: Unclosed counted closure near index 5'
            unknown pattern flag          | '"/^\\\\d{5}$/"'          | '"/^\\\\d{5}$/q"' | 'f.yaml: steps[1].rule_set.rules[1].rhv: is not a valid pattern: unknown flag ''q'' (allowed: g, i, m, s, u) near index 9'
            between of three              | '[ 18, 65 ]'              | '[ 18, 40, 65 ]' | 'f.yaml: steps[1].rule_set.rules[0].rhv: must be two values: a list [low, high] or text such as 10..20, 10 to 20 or 10-20'
            between upside down           | '[ 18, 65 ]'              | '"65..18"'       | 'f.yaml: steps[1].rule_set.rules[0].rhv: the low bound 65 is above the high bound 18'
            list for a single value       | 'is not equal to, rhv: failure' | 'is not equal to, rhv: [ failure, error ]' | 'f.yaml: steps[2].criteria.rules[0].rhv: must be a single value for operator ''is not equal to'', not a list'
            bad template in a list        | '[ 18, 65 ]'              | '[ 18, "{{age}}" ]' | 'f.yaml: steps[1].rule_set.rules[0].rhv: template {{age}} does not start with lead., appended., source., flow. or submission.'
            cache_ttl not a duration      | 'cache_ttl: 24h'          | 'cache_ttl: a day' | 'f.yaml: steps[0].cache_ttl: must be a duration such as 500ms, 10s, 15m, 24h or 7d, not ''a day'''
            cache_ttl of zero             | 'cache_ttl: 24h'          | 'cache_ttl: 0s'  | 'f.yaml: steps[0].cache_ttl: must be longer than 0'
            cache_ttl on a recipient      | 'entity: Buyer'           | 'entity: Buyer\\n    cache_ttl: 1h' | 'f.yaml: steps[2].cache_ttl: applies only to enhancement steps, not to a recipient step'
            cache_ttl on a filter         | 'reason: Poor lead'       | 'reason: Poor lead\\n    cache_ttl: 1h' | 'f.yaml: steps[1].cache_ttl: applies only to enhancement steps, not to a filter step'
            """)
    void namesFilePathAndProblem(String problem, String replaced, String replacement, String message) {
        String yaml = VALID.replace(replaced.replace("\\n", "\n"), replacement.replace("\\n", "\n"));
        assertThat(yaml).as("test case changes the flow").isNotEqualTo(VALID);

        assertThatThrownBy(() -> loader().parse("f.yaml", yaml))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessage(message);
    }
}
