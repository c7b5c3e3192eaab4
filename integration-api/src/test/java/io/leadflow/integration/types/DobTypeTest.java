package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DobTypeTest {

    /** June 18, 2022, as LeadConduit's dob tests freeze time. */
    private final DobType dob = new DobType(Clock.fixed(Instant.parse("2022-06-18T00:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "born {0}: {1} years")
    @CsvSource({
        "06/02/2014, 2014-06-02, 8, 2014",
        "06/18/2014, 2014-06-18, 8, 2014",
        "06/19/2014, 2014-06-19, 7.9, 2014",
        "01-01-2000, 2000-01-01, 22.4, 2000",
        "Mon Jun 02 2014, 2014-06-02, 8, 2014"})
    void computesAgeRoundedDownToATenthAndAtMostPointNineAfterTheBirthday(String input, String normal, String age, long year) {
        Object expectedAge = age.contains(".") ? (Object) Double.valueOf(age) : (Object) Long.valueOf(age);
        assertThat(dob.parse(input)).isEqualTo(value("dob", input, normal, true, "age", expectedAge, "year", year,
                "masked", false));
    }

    @Test
    void isUnmaskedButHasNoAgeWhenInvalid() {
        assertThat(dob.parse("garbage")).isEqualTo(value("dob", "garbage", "garbage", false, "masked", false));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(dob.parse(dob.parse("Mon Jun 02 2014")))
                .isEqualTo(value("dob", "Mon Jun 02 2014", "2014-06-02", true, "age", 8L, "year", 2014L, "masked", false));
    }

    @Test
    void measuresAgeFromTheClockGiven() {
        DobType nextYear = new DobType(Clock.fixed(Instant.parse("2023-06-18T00:00:00Z"), ZoneOffset.UTC));
        assertThat(nextYear.parse("06/02/2014").part("age")).isEqualTo(9L);
    }
}
