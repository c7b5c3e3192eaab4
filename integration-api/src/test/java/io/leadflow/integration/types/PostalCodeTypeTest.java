package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostalCodeTypeTest {

    private final PostalCodeType postalCode = new PostalCodeType();

    @ParameterizedTest(name = "\"{0}\" is US {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "78704          | 78704      | 78704          | 78704 | null",
        "78704-1234     | 78704-1234 | 78704-1234     | 78704 | 1234",
        "78704 1234     | 78704-1234 | 78704 1234     | 78704 | 1234",
        "787041234      | 78704-1234 | 787041234      | 78704 | 1234",
        "'78704   - 1234' | 78704-1234 | '78704   - 1234' | 78704 | 1234",
        "78704-         | 78704      | 78704-         | 78704 | null",
        "' 78704 '      | 78704      | 78704          | 78704 | null"})
    void readsUsZipWithOptionalPlusFour(String input, String normal, String code, String zip, String four) {
        assertThat(postalCode.parse(input)).isEqualTo(value("postal_code", input, normal, true,
                "country_code", "US", "code", code, "zip", zip, "four", four));
    }

    @ParameterizedTest(name = "\"{0}\" is Canadian {1}")
    @CsvSource(delimiter = '|', value = {
        "q2e4u7   | Q2E 4U7 | Q2E4U7",
        "Q2E 4U7  | Q2E 4U7 | Q2E 4U7"})
    void readsCanadianPostalCodeUpperCased(String input, String normal, String code) {
        assertThat(postalCode.parse(input)).isEqualTo(value("postal_code", input, normal, true,
                "country_code", "CA", "code", code, "fsa", normal.substring(0, 3), "district", normal.substring(0, 1),
                "ldu", normal.substring(4)));
    }

    @ParameterizedTest(name = "\"{0}\" is British {1}")
    @CsvSource(delimiter = '|', value = {
        "A11AA     | A1 1AA    | A11AA     | A1    | 1AA",
        "aa11a 1aa | AA11A 1AA | AA11A 1AA | AA11A | 1AA",
        "SW1A 1AA  | SW1A 1AA  | SW1A 1AA  | SW1A  | 1AA"})
    void readsBritishPostcodeWithOutwardAndInwardCode(String input, String normal, String code, String out, String in) {
        assertThat(postalCode.parse(input)).isEqualTo(value("postal_code", input, normal, true,
                "country_code", "GB", "code", code, "outcode", out, "incode", in));
    }

    @ParameterizedTest(name = "\"{0}\" is no postal code")
    @ValueSource(strings = {"garbage", "", "   ", "7870", "1AA", "78704-12"})
    void rejectsAnythingElse(String input) {
        assertThat(postalCode.parse(input)).isEqualTo(value("postal_code", input, input, false));
    }
}
