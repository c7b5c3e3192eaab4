package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateTypeTest {

    private final DateType date = new DateType();

    @ParameterizedTest(name = "\"{0}\" is June 2, 2014")
    @ValueSource(strings = {"Mon Jun 02 2014", "Jun 02 2014", "June 2nd, 2014", "06/02/2014", "6/2/2014", "6/2/14",
            "2014-06-02", "06-02-2014", "06022014", "20140602", "2014-06-02T10:00:00Z", "06/02/2014 10:00 PM",
            "2014/6/2", "06.02.2014", "2014-06-2"})
    void readsUsOrderFirst(String input) {
        assertThat(date.parse(input)).isEqualTo(value("date", input, "2014-06-02", true));
    }

    @ParameterizedTest(name = "\"{0}\" is July 18, 2014")
    @ValueSource(strings = {"Fri 18 July 2014", "18 July 2014", "18/07/2014", "18/7/2014", "18/7/14", "2014-18-07",
            "18-07-2014", "18072014", "20141807"})
    void fallsBackToEuropeanOrderWhenTheDayIsAboveTwelve(String input) {
        assertThat(date.parse(input)).isEqualTo(value("date", input, "2014-07-18", true));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"1/1/69, 1969-01-01", "1/1/68, 2068-01-01", "12/31/99, 1999-12-31", "2/29/2016, 2016-02-29"})
    void readsTwoDigitYearsAsMomentJsDoes(String input, String normal) {
        assertThat(date.parse(input)).isEqualTo(value("date", input, normal, true));
    }

    @ParameterizedTest(name = "\"{0}\" is no date")
    @ValueSource(strings = {"garbage", "", "2/30/2014", "13/13/2014", "2014", "06/02/214", "tomorrow", "6/02-2014"})
    void keepsTextThatIsNoDateAsSentAndInvalid(String input) {
        assertThat(date.parse(input)).isEqualTo(value("date", input, input, false));
    }

    @Test
    void rejectsStructuresAsTheirJavaScriptText() {
        assertThat(date.parse(Map.of("foo", 42))).isEqualTo(value("date", "[object Object]", "[object Object]", false));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(date.parse(date.parse("Mon Jun 02 2014"))).isEqualTo(value("date", "Mon Jun 02 2014", "2014-06-02", true));
    }
}
