package io.leadflow.integrations.custom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchPatternTest {

    @ParameterizedTest(name = "{0} in \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            success          | lead success      | true
            SUCCESS          | success           | true
            ''               | anything          | true
            succ?ess         | sucess            | true
            /^ok$/           | ok                | true
            /^ok$/           | not ok            | false
            /^b/m            | a\\nb              | true
            /^b/             | a\\nb              | false
            /a.b/s           | a\\nb              | true
            /ok/gi           | ok ok             | true
            /ok/x            | ok                | true
            /ok/y            | ok                | true
            /ok/y            | not ok            | false
            /ok/gg           | ok                | true
            (unclosed        | (unclosed         | false
            a/b              | a/b               | true
            """)
    void compilesTermsAsLeadConduitDoes(String expression, String text, boolean matches) {
        boolean found = SearchPattern.compile(expression)
                .map(pattern -> pattern.matches(text.replace("\\n", "\n")))
                .orElse(false);

        assertThat(found).isEqualTo(matches);
    }

    @Test
    void compilesATermOnceAndAnswersRepeatsWithTheSamePattern() {
        assertThat(SearchPattern.compile("/^accepted$/i")).containsSame(SearchPattern.compile("/^accepted$/i").get());
        assertThat(SearchPattern.compile("(unclosed")).isEmpty();
        assertThat(SearchPattern.compile("(unclosed")).isEmpty();
    }

    @ParameterizedTest(name = "{0} in \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            id=(\\d+)        | id=12 id=34       | 12
            /id=(\\d+)/g     | id=12 id=34       | id=34
            /id=\\d+/        | id=12             | none
            id=(x)?\\d       | id=1              | none
            """)
    void givesTheFirstGroupOrWithTheGlobalFlagTheSecondMatch(String expression, String text, String group) {
        assertThat(SearchPattern.compile(expression).orElseThrow().firstGroup(text)).isEqualTo(group);
    }
}
