package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.TypedValue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeTypeTest {

    private final RangeType range = new RangeType();

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("1 - 10", range("1 - 10", "1-10", 1L, 10L, 5.5, 5L)),
                Arguments.of("1 to 10", range("1 to 10", "1-10", 1L, 10L, 5.5, 5L)),
                Arguments.of("1     to      10", range("1     to      10", "1-10", 1L, 10L, 5.5, 5L)),
                Arguments.of("1 10", range("1 10", "1-10", 1L, 10L, 5.5, 5L)),
                Arguments.of("1 to 10     ", range("1 to 10     ", "1-10", 1L, 10L, 5.5, 5L)),
                Arguments.of("$1 to $10", range("$1 to $10", "1-10", 1L, 10L, 5.5, 5L)),
                Arguments.of("$1,000 to $10,000", range("$1,000 to $10,000", "1000-10000", 1000L, 10000L, 5500L, 5500L)),
                Arguments.of("-8 - 100.5", range("-8 - 100.5", "-8-100.5", -8L, 100.5, 46.25, 46L)),
                Arguments.of("10+", range("10+", "10+", 10L, null, null, null)),
                Arguments.of("10.5+", range("10.5+", "10.5+", 10.5, null, null, null)),
                Arguments.of("-10+", range("-10+", "-10+", -10L, null, null, null)),
                Arguments.of("10", range("10", "10", 10L, 10L, 10L, 10L)),
                Arguments.of(" 10", range(" 10", " 10", 10L, 10L, 10L, 10L)),
                Arguments.of(10L, range("10", "10", 10L, 10L, 10L, 10L)),
                Arguments.of(5.5, range("5.5", "5.5", 5.5, 5.5, 5.5, 5.5)),
                Arguments.of("-10", range("-10", "-10", -10L, -10L, -10L, -10L)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("ranges")
    void readsBoundsSeparatedByDashToOrSpaces(Object input, TypedValue expected) {
        assertThat(range.parse(input)).isEqualTo(expected);
    }

    static Stream<Arguments> datedRanges() {
        return Stream.of(
                Arguments.of("2015-07-25", range("2015-07-25", "1437782400000",
                        1437782400000L, 1437782400000L, 1437782400000L, 1437782400000L)),
                Arguments.of("1969-07-25", range("1969-07-25", "-13824000000",
                        -13824000000L, -13824000000L, -13824000000L, -13824000000L)),
                Arguments.of("2015-07-25T01:59:32.021Z", range("2015-07-25T01:59:32.021Z", "1437789572021",
                        1437789572021L, 1437789572021L, 1437789572021L, 1437789572021L)),
                Arguments.of("2015-07-01 - 2015-07-25", range("2015-07-01 - 2015-07-25", "1435708800000-1437782400000",
                        1435708800000L, 1437782400000L, 1436745600000L, 1436745600000L)),
                Arguments.of("2015-07-01 - 2015-07-25 - 2015-07-30", range("2015-07-01 - 2015-07-25 - 2015-07-30",
                        "1435708800000-1437782400000", 1435708800000L, 1437782400000L, 1436745600000L, 1436745600000L)),
                Arguments.of("2015-07-01T01:59:32.022Z - 2015-07-25T01:59:32:021Z",
                        range("2015-07-01T01:59:32.022Z - 2015-07-25T01:59:32:021Z", "1435715972022-1437782400000",
                                1435715972022L, 1437782400000L, 1436749186011L, 1436749186011L)),
                Arguments.of("1969-07-01 - 2015-07-25", range("1969-07-01 - 2015-07-25", "-15897600000-1437782400000",
                        -15897600000L, 1437782400000L, 710942400000L, 710942400000L)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("datedRanges")
    void readsIsoDatesAndTimesAsEpochMillis(String input, TypedValue expected) {
        assertThat(range.parse(input)).isEqualTo(expected);
    }

    @Test
    void leavesEveryBoundNullWhenInvalid() {
        assertThat(range.parse("asdf"))
                .isEqualTo(value("range", "asdf", "asdf", false, "min", null, "max", null, "avg", null, "mid", null));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(range.parse(range.parse("1 - 10"))).isEqualTo(range("1 - 10", "1-10", 1L, 10L, 5.5, 5L));
        assertThat(range.parse(new NumberType().parse("4"))).isEqualTo(range("4", "4", 4L, 4L, 4L, 4L));
        assertThat(range.parse(new DateType().parse("2015-07-25")))
                .isEqualTo(range("2015-07-25", "1437782400000", 1437782400000L, 1437782400000L, 1437782400000L, 1437782400000L));
    }

    private static TypedValue range(String raw, String normal, Object min, Object max, Object avg, Object mid) {
        return value("range", raw, normal, true, "min", min, "max", max, "avg", avg, "mid", mid);
    }
}
