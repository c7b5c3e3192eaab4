package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnTypeTest {

    private final SsnType ssn = new SsnType();

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"123456789", "123-45-6789", "123 45 6789", " 123-45-6789 ", "donkey 123456789"})
    void keepsTheNineDigitsUnmasked(String input) {
        assertThat(ssn.parse(input)).isEqualTo(value("ssn", input, "123456789", true,
                "first_three", "123", "middle_two", "45", "last_four", "6789", "masked", false));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"12345678", "1234567890", "   ", "", "donkey"})
    void rejectsAnythingButNineDigits(String input) {
        assertThat(ssn.parse(input)).isEqualTo(value("ssn", input, input, false, "masked", false));
    }
}
