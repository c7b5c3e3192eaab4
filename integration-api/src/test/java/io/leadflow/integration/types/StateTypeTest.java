package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateTypeTest {

    private final StateType state = new StateType();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "TX             | TX | Texas",
        "tx             | TX | Texas",
        "texas          | TX | Texas",
        "NEW YORK       | NY | New York",
        "quebec         | QC | Quebec",
        "PR             | PR | Puerto Rico",
        "yt             | YT | Yukon YT"})
    void readsAbbreviationOrNameOfStatesTerritoriesAndProvinces(String input, String abbreviation, String name) {
        assertThat(state.parse(input)).isEqualTo(value("state", input, abbreviation, true, "name", name));
    }

    @ParameterizedTest(name = "\"{0}\" is kept and valid")
    @ValueSource(strings = {"DX", "dx", "Dexus", "", " TX", "Île-de-France"})
    void keepsUnknownValueAsSentAndValid(String input) {
        assertThat(state.parse(input)).isEqualTo(value("state", input, input, true, "name", input));
    }

    @Test
    void findsNoNameWithLowerCaseWordsOrPunctuationAsLeadConduit() {
        assertThat(state.parse("District of Columbia"))
                .isEqualTo(value("state", "District of Columbia", "District of Columbia", true, "name", "District of Columbia"));
        assertThat(state.parse("DC")).isEqualTo(value("state", "DC", "DC", true, "name", "District of Columbia"));
    }

    @Test
    void rejectsStructuresOnly() {
        assertThat(state.parse(List.of("TX"))).isEqualTo(value("state", "TX", "TX", false, "name", "TX"));
    }
}
