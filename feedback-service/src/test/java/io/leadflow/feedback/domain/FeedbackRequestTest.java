package io.leadflow.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeedbackRequestTest {

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of(input("lead_id", "L1", "type", "return"), new FeedbackRequest("L1", FeedbackType.RETURN, null)),
                Arguments.of(input("lead_id", " L1 ", "type", "CONVERSION", "reason", " Sold "),
                        new FeedbackRequest("L1", FeedbackType.CONVERSION, "Sold")),
                Arguments.of(input("lead_id", "L1", "type", "Return", "reason", ""),
                        new FeedbackRequest("L1", FeedbackType.RETURN, null)),
                Arguments.of(input("type", "return"), new InvalidField("lead_id", "lead_id is required")),
                Arguments.of(input("lead_id", "  ", "type", "return"), new InvalidField("lead_id", "lead_id is required")),
                Arguments.of(input("lead_id", List.of("L1"), "type", "return"),
                        new InvalidField("lead_id", "lead_id must be a lead id")),
                Arguments.of(input("lead_id", "L".repeat(201), "type", "return"),
                        new InvalidField("lead_id", "lead_id must be a lead id")),
                Arguments.of(input("lead_id", "L1"), new InvalidField("type", "type is required")),
                Arguments.of(input("lead_id", "L1", "type", "refund"),
                        new InvalidField("type", "type must be return or conversion")),
                Arguments.of(input("lead_id", "L1", "type", "return", "reason", Map.of("a", 1)),
                        new InvalidField("reason", "reason must be text of at most 1000 characters")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("calls")
    void readsAFeedbackCall(Map<String, Object> input, ParsedFeedback expected) {
        assertThat(FeedbackRequest.parse(input)).isEqualTo(expected);
    }

    private static Map<String, Object> input(Object... pairs) {
        Map<String, Object> input = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            input.put((String) pairs[i], pairs[i + 1]);
        }
        return input;
    }
}
