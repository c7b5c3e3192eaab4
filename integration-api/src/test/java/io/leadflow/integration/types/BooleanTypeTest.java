package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BooleanTypeTest {

    private final BooleanType bool = new BooleanType();

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(true, "true", true), Arguments.of("true", "true", true), Arguments.of("t", "t", true),
                Arguments.of("yes", "yes", true), Arguments.of("y", "y", true), Arguments.of("1", "1", true),
                Arguments.of(1L, "1", true), Arguments.of("  TRUE ", "  TRUE ", true), Arguments.of("Yes!", "Yes!", true),
                Arguments.of(false, "false", false), Arguments.of("false", "false", false), Arguments.of("f", "f", false),
                Arguments.of("no", "no", false), Arguments.of("N", "N", false), Arguments.of("0", "0", false),
                Arguments.of(0L, "0", false));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("answers")
    void readsYesAndNoAnswers(Object input, String raw, boolean answer) {
        assertThat(bool.parse(input)).isEqualTo(value("boolean", raw, answer, true));
    }

    static Stream<Arguments> nonAnswers() {
        return Stream.of(Arguments.of("50", "50"), Arguments.of("asdf", "asdf"), Arguments.of("   ", "   "),
                Arguments.of(2L, "2"), Arguments.of(Map.of("foo", 42), "[object Object]"));
    }

    @ParameterizedTest(name = "{0} is false and invalid")
    @MethodSource("nonAnswers")
    void readsAnythingElseAsInvalidFalse(Object input, String raw) {
        assertThat(bool.parse(input)).isEqualTo(value("boolean", raw, false, false));
    }
}
