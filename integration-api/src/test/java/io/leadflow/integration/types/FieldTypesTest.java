package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.leadflow.integration.TypedValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTypesTest {

    @Test
    void namesEveryLeadConduitType() {
        assertThat(FieldTypes.names()).containsExactlyInAnyOrder("boolean", "city", "credential", "date", "dob", "email",
                "first_name", "gender", "ip", "last_name", "number", "phone", "postal_code", "range", "ssn", "state",
                "street", "string", "time", "trustedform_url", "url");
    }

    @Test
    void returnsAValueParsedWithTheSameTypeAsItIs() {
        TypedValue parsed = FieldTypes.parse("phone", "dog");
        assertThat(FieldTypes.parse("phone", parsed)).isSameAs(parsed);
    }

    @Test
    void parsesAValueOfAnotherTypeAgainFromItsFirstRaw() {
        TypedValue number = FieldTypes.parse("number", "$11");
        assertThat(FieldTypes.parse("string", number)).isEqualTo(value("string", "$11", "$11", true));
    }

    @Test
    void leavesNullAsNull() {
        assertThat(FieldTypes.parse("phone", null)).isNull();
    }

    @Test
    void refusesAnUnknownTypeName() {
        assertThatIllegalArgumentException().isThrownBy(() -> FieldTypes.parse("array", List.of(1)));
    }

    @Test
    void neverAcceptsAStructureAsAValue() {
        for (String name : FieldTypes.names()) {
            for (Object structure : List.of(Map.of("foo", 42), List.of("5127891111"), new String[] {"TX"})) {
                assertThat(FieldTypes.parse(name, structure).valid()).as(name + " of " + structure).isFalse();
            }
        }
    }

    @Test
    void neverThrowsOnOddText() {
        for (String name : FieldTypes.names()) {
            for (String text : List.of("", " ", "\u0000", "x".repeat(10_000), "9".repeat(400), "[", "@", "://", "-",
                    "+", "1e999", "\uD83D\uDE00", "http://[", "1-99999999999999999999999999999999")) {
                assertThat(FieldTypes.parse(name, text)).as(name + " of " + text).isNotNull();
            }
        }
    }
}
