package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.TypedValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void starsEveryCharacterOfAnSsnAndKeepsValid() {
        assertThat(Masking.mask(new SsnType().parse("123-45-6789"))).isEqualTo(value("ssn", "***********", "*********",
                true, "first_three", "***", "middle_two", "**", "last_four", "****", "masked", true));
        assertThat(Masking.mask(new SsnType().parse("1234"))).isEqualTo(value("ssn", "****", "****", false, "masked", true));
    }

    @Test
    void keepsLineBreaksWhenStarring() {
        assertThat(Masking.mask(new SsnType().parse("123\n45-6789")).raw()).isEqualTo("***\n*******");
    }

    @Test
    void showsOnlyTheYearOfADateOfBirthAndKeepsAge() {
        DobType dob = new DobType(Clock.fixed(Instant.parse("2022-06-02T00:00:00Z"), ZoneOffset.UTC));
        assertThat(Masking.mask(dob.parse("01-01-2000"))).isEqualTo(value("dob", "**/**/2000", "**/**/2000", true,
                "age", 22.4, "year", 2000L, "masked", true));
    }

    @Test
    void starsACredential() {
        assertThat(Masking.mask(new CredentialType().parse("sekret")))
                .isEqualTo(value("credential", null, "******", true, "masked", true));
    }

    @Test
    void leavesMaskedAndUnmaskableValuesAlone() {
        TypedValue masked = Masking.mask(new SsnType().parse("123-45-6789"));
        assertThat(Masking.mask(masked)).isSameAs(masked);
        TypedValue phone = new PhoneType().parse("5127891111");
        assertThat(Masking.mask(phone)).isSameAs(phone);
    }

    @Test
    void starsPrimitivesOfAnUnmaskedMapButKeepsNullValidAndSetsMasked() {
        Map<String, Object> data = new HashMap<>();
        data.put("masked", false);
        data.put("valid", true);
        data.put("string", "a string");
        data.put("number", 102L);
        data.put("boolean", true);
        data.put("null", null);
        data.put("array", List.of(1L, "23", true));
        data.put("objects", List.of(Map.of("string", "another string", "number", 1000L, "valid", false)));
        Map<String, Object> expected = new HashMap<>();
        expected.put("masked", true);
        expected.put("valid", true);
        expected.put("string", "********");
        expected.put("number", "***");
        expected.put("boolean", "*");
        expected.put("null", null);
        expected.put("array", List.of("*", "**", "*"));
        expected.put("objects", List.of(Map.of("string", "**************", "number", "****", "valid", false)));
        assertThat(Masking.mask(data)).isEqualTo(expected);
    }

    @Test
    void masksParsedValuesInsideLeadDataAndLeavesTheRest() {
        Map<String, Object> lead = Map.of(
                "ssn", new SsnType().parse("123456789"),
                "email", "user@example.com",
                "phones", List.of(Map.of("normal", "5127891111", "valid", true)));
        assertThat(Masking.mask(lead)).isEqualTo(Map.of(
                "ssn", Masking.mask(new SsnType().parse("123456789")),
                "email", "user@example.com",
                "phones", List.of(Map.of("normal", "5127891111", "valid", true))));
    }

    @Test
    void masksANormalisedDateOfBirthToItsYear() {
        Map<String, Object> dob = Map.of("normal", "2000-01-01", "raw", "01-01-2000", "valid", true, "age", 22.4,
                "year", 2000L, "masked", false);
        assertThat(Masking.mask(dob)).isEqualTo(Map.of("normal", "**/**/2000", "raw", "**/**/2000", "valid", true,
                "age", 22.4, "year", 2000L, "masked", true));
    }

    @Test
    void leavesOtherValuesAsTheyAre() {
        assertThat(Masking.mask((Object) "text")).isEqualTo("text");
        assertThat(Masking.mask((Object) null)).isNull();
        assertThat(Masking.mask(Arrays.asList(1L, null))).isEqualTo(Arrays.asList(1L, null));
    }
}
