package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NumberTypeTest {

    private final NumberType number = new NumberType();

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("11", "11", 11L), Arguments.of(11L, "11", 11L), Arguments.of(11, "11", 11L),
                Arguments.of("1.111", "1.111", 1.111), Arguments.of(1.111, "1.111", 1.111),
                Arguments.of(2.0, "2", 2L), Arguments.of("1,100", "1,100", 1100L), Arguments.of("$1100", "$1100", 1100L),
                Arguments.of("$1100 per month", "$1100 per month", 1100L), Arguments.of("  1100 ", "  1100 ", 1100L),
                Arguments.of("-1.111", "-1.111", -1.111), Arguments.of("-$1100", "-$1100", -1100L),
                Arguments.of("$100,000.00", "$100,000.00", 100000L), Arguments.of(".5", ".5", 0.5));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("numbers")
    void readsNumberAsLongWhenIntegralElseDouble(Object input, String raw, Object normal) {
        assertThat(number.parse(input)).isEqualTo(value("number", raw, normal, true));
    }

    static Stream<Arguments> nonNumbers() {
        return Stream.of(Arguments.of("", ""), Arguments.of("  ", "  "), Arguments.of("derp", "derp"),
                Arguments.of(true, "true"), Arguments.of(List.of(1), "1"), Arguments.of(Map.of("foo", "bar"), "[object Object]"),
                Arguments.of(Double.NaN, "NaN"), Arguments.of("-", "-"));
    }

    @ParameterizedTest(name = "{0} is invalid")
    @MethodSource("nonNumbers")
    void keepsRawTextAsNormalFormOfAnInvalidNumber(Object input, String raw) {
        assertThat(number.parse(input)).isEqualTo(value("number", raw, raw, false));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(number.parse(number.parse("$11"))).isEqualTo(value("number", "$11", 11L, true));
    }
}
