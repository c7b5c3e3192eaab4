package io.leadflow.integrations.custom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsValuesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            1.5,                    1.5
            100000.0,               100000
            -2.25,                  -2.25
            0.000001,               0.000001
            0.0000001,              1e-7
            1e21,                   1e+21
            123456789012345680000,  123456789012345680000
            1.2345e-10,             1.2345e-10
            -0.0,                   0
            """)
    void printsNumbersAsJavaScriptDoes(double number, String text) {
        assertThat(JsValues.numberText(number)).isEqualTo(text);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(textBlock = """
            '',       0.0
            ' 12 ',   12.0
            0x1f,     31.0
            1e3,      1000.0
            -1.5,     -1.5
            12px,     NaN
            Infinity, Infinity
            """)
    void readsNumbersAsJavaScriptsNumberDoes(String text, double number) {
        assertThat(JsValues.toNumber(text)).isEqualTo(Double.valueOf(number));
    }
}
