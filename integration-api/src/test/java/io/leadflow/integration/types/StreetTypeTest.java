package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreetTypeTest {

    private final StreetType street = new StreetType();

    @Test
    void splitsFirstWordAsNumberFromName() {
        assertThat(street.parse("  4203 Guadalupe St ")).isEqualTo(value("street", "  4203 Guadalupe St ",
                "4203 Guadalupe St", true, "number", "4203", "name", "Guadalupe St"));
    }

    @Test
    void splitsAtAnyWhitespaceButRejectsALineBreakInTheName() {
        assertThat(street.parse("12\n Main St")).isEqualTo(value("street", "12\n Main St", "12\n Main St", true,
                "number", "12", "name", "Main St"));
        assertThat(street.parse("12 Main\nSt")).isEqualTo(value("street", "12 Main\nSt", "12 Main\nSt", false));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Asdf", "  Asdf  ", ""})
    void rejectsASingleWord(String input) {
        assertThat(street.parse(input)).isEqualTo(value("street", input, input, false));
    }

    @Test
    void rejectsStructuresThoughTheirTextHasTwoWords() {
        assertThat(street.parse(Map.of("foo", 42)))
                .isEqualTo(value("street", "[object Object]", "[object Object]", false));
    }
}
