package io.leadflow.flow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.TypedValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void aTemplateOfOnePlaceholderGivesTheValueItself() {
        assertThat(Templates.render("{{lead.phone_1}}", RulesTest.VIEW))
                .isEqualTo(RulesTest.LEAD.fields().get("phone_1"));
        assertThat(Templates.render(" {{ appended.phone_check.tags }} ", RulesTest.VIEW)).isEqualTo(List.of("a", "b"));
        assertThat(Templates.render("{{lead.missing}}", RulesTest.VIEW)).isNull();
    }

    @Test
    void textAroundPlaceholdersGivesText() {
        Map<String, String> cases = Map.of(
                "tel:{{lead.phone_1}}", "tel:5127891111",
                "{{lead.state}}-{{lead.phone_1.area}}", "TX-512",
                "{{lead.income}} dollars", "lots dollars",
                "[{{lead.missing}}]", "[]",
                "{{appended.phone_check.score}}/{{lead.age}}", "0.8/42",
                "no placeholders", "no placeholders",
                "lead {{lead.id}} from {{source.id}} at {{submission.timestamp}}",
                "lead lead-1 from web at 2026-11-28T10:00:00Z");
        cases.forEach((template, expected) ->
                assertThat(Templates.render(template, RulesTest.VIEW)).as(template).isEqualTo(expected));
    }

    @Test
    void listsThePathsATemplateReads() {
        assertThat(Templates.paths("{{lead.a}} and {{ appended.b.c }}")).containsExactly("lead.a", "appended.b.c");
        assertThat(Templates.isReadablePath("lead.a")).isTrue();
        assertThat(Templates.isReadablePath("lead.")).isFalse();
        assertThat(Templates.isReadablePath("vars.a")).isFalse();
    }

    @Test
    void typedValuesRenderTheirOutboundForm() {
        assertThat(Templates.text(new TypedValue("number", "$1,100", 1100L, true, Map.of()))).isEqualTo("1100");
        assertThat(Templates.text(new TypedValue("phone", "not a phone", null, false, Map.of()))).isEqualTo("not a phone");
        assertThat(Templates.text(12.0)).isEqualTo("12");
        assertThat(Templates.text(12.5)).isEqualTo("12.5");
    }
}
