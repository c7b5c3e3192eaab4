package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepDefinitionTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Buyer ABC Corp         | buyer_abc_corp
            phone_check            | phone_check
            '  --Phone Check!! '   | phone_check
            ABC123                 | abc123
            a__b  c                | a_b_c
            Ünïcode Buyer          | n_code_buyer
            '___'                  | ''
            """)
    void namesAnEntitysNamespaceInSnakeCase(String name, String namespace) {
        assertThat(StepDefinition.namespaceOf(name)).isEqualTo(namespace);
    }
}
