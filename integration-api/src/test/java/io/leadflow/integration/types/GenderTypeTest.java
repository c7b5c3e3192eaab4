package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GenderTypeTest {

    private final GenderType gender = new GenderType();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "m        | male   | M", "'  MALE ' | male   | M", "F        | female | F", "female   | female | F",
        "o        | other  | O", "Other    | other  | O"})
    void readsGenderInAnyCase(String input, String normal, String abbreviation) {
        assertThat(gender.parse(input)).isEqualTo(value("gender", input, normal, true, "abbr", abbreviation));
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {"asdf", "", "x", "males"})
    void keepsAnythingElseAsSentWithoutAbbreviation(String input) {
        assertThat(gender.parse(input)).isEqualTo(value("gender", input, input, false, "abbr", null));
    }
}
