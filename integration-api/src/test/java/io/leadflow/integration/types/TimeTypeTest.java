package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeTypeTest {

    private final TimeType time = new TimeType();

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Sat Jun 14 2014 13:27:33 GMT-0500 (CDT)", "06/14/2014 6:27:33 PM", "06/14/2014 18:27:33",
            "2014-06-14T18:27:33Z", "2014-06-14T18:27:33.000Z", "2014-06-14T13:27:33-05:00", "2014-06-14 18:27:33",
            "Sat, 14 Jun 2014 18:27:33 GMT", "June 14, 2014 6:27:33 pm", "14 June 2014 11:27:33 PDT",
            "06/14/2014 1:27:33 PM EST"})
    void readsCommonFormatsAsUtcWithMillis(String input) {
        assertThat(time.parse(input)).isEqualTo(value("time", input, "2014-06-14T18:27:33.000Z", true));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
        "2014-06-14T18:27:33.123Z, 2014-06-14T18:27:33.123Z",
        "2014-06-14T18:27:33.1Z, 2014-06-14T18:27:33.100Z",
        "2014-06-14T18:27:33.12345Z, 2014-06-14T18:27:33.000Z",
        "06/14/2014 12:05 AM, 2014-06-14T00:05:00.000Z",
        "06/14/2014 12:05 PM, 2014-06-14T12:05:00.000Z",
        "Jun 14 2014 6pm, 2014-06-14T18:00:00.000Z",
        "06/14/2014, 2014-06-14T12:00:00.000Z",
        "2014-06-14, 2014-06-14T12:00:00.000Z"})
    void keepsMillisDropsLongerFractionsAndImpliesNoonWithoutTime(String input, String normal) {
        assertThat(time.parse(input)).isEqualTo(value("time", input, normal, true));
    }

    @ParameterizedTest(name = "\"{0}\" is not read")
    @ValueSource(strings = {"garbage", "", "tomorrow", "next Friday at 5pm", "3 days ago", "6:27 PM",
            "call me on 06/14/2014", "06/14/2014 13:00 PM", "2014-02-30T10:00:00Z"})
    void keepsTextItCannotReadAsSentAndInvalid(String input) {
        assertThat(time.parse(input)).isEqualTo(value("time", input, input, false));
    }

    @Test
    void readsJavaInstants() {
        assertThat(time.parse(Instant.parse("2014-06-14T18:27:33Z")))
                .isEqualTo(value("time", "2014-06-14T18:27:33Z", "2014-06-14T18:27:33.000Z", true));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(time.parse(time.parse("06/14/2014 6:27:33 PM")))
                .isEqualTo(value("time", "06/14/2014 6:27:33 PM", "2014-06-14T18:27:33.000Z", true));
    }
}
