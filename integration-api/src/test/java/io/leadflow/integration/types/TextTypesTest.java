package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTypesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"first_name", "last_name", "city"})
    void keepsNamesAndCitiesExactlyAsSentButOnlyTextIsValid(String type) {
        FieldType names = FieldTypes.find(type).orElseThrow();
        assertThat(names.parse(" Mary Ann ")).isEqualTo(value(type, " Mary Ann ", " Mary Ann ", true));
        assertThat(names.parse(42L)).isEqualTo(value(type, "42", "42", false));
        assertThat(names.parse(Map.of("foo", 42))).isEqualTo(value(type, "[object Object]", "[object Object]", false));
    }

    @Test
    void keepsStringsNumbersAndBooleansAsValidText() {
        StringType string = new StringType();
        assertThat(string.parse("any text")).isEqualTo(value("string", "any text", "any text", true));
        assertThat(string.parse(1.5)).isEqualTo(value("string", "1.5", "1.5", true));
        assertThat(string.parse(true)).isEqualTo(value("string", "true", "true", true));
        assertThat(string.parse(List.of(1, 2))).isEqualTo(value("string", "1,2", "1,2", false));
    }

    @Test
    void keepsCredentialsValidUnmaskedAndWithoutRaw() {
        CredentialType credential = new CredentialType();
        assertThat(credential.parse("sekret-pazzward"))
                .isEqualTo(value("credential", null, "sekret-pazzward", true, "masked", false));
        assertThat(credential.parse("sekret-pazzward").outboundValue()).isEqualTo("sekret-pazzward");
    }
}
