package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.leadflow.integration.TypedValue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTypeTest {

    private final PhoneType phone = new PhoneType();

    static Stream<Arguments> typeHints() {
        return Stream.of(
                Arguments.of("5127891111m", "mobile"),
                Arguments.of("5127891111c", "mobile"),
                Arguments.of("5127891111w", "work"),
                Arguments.of("5127891111h", "home"),
                Arguments.of("5127891111(h)", "home"),
                Arguments.of("5127891111 h", "home"),
                Arguments.of("5127891111 h\n", "home"),
                Arguments.of("5127891111(w)\r\n", "work"));
    }

    @ParameterizedTest(name = "{0} is a {1} phone")
    @MethodSource("typeHints")
    void readsTypeHintAndDropsItFromRaw(String input, String type) {
        assertThat(phone.parse(input)).isEqualTo(usPhone("5127891111", "5127891111", null, type));
    }

    @Test
    void showsStarsForTheAreaOfAParseableInvalidNumber() {
        assertThat(phone.parse("1111m")).isEqualTo(value("phone", "1111", "1111", false,
                "area", "***", "exchange", "111", "line", "1", "number", "1111", "extension", null,
                "country_code", "US", "country_calling_code", 1L, "type", "mobile", "is_tollfree", false));
    }

    @Test
    void keepsOnlyRawAndHintedTypeOfUnparseableText() {
        assertThat(phone.parse("donkey kong")).isEqualTo(value("phone", "donkey kong", "donkey kong", false));
        assertThat(phone.parse("Asdfh")).isEqualTo(value("phone", "Asdf", "Asdf", false, "type", "home"));
    }

    @ParameterizedTest(name = "{0} has extension {1}")
    @MethodSource("extensions")
    void putsExtensionInNormalForm(String input, String extension) {
        assertThat(phone.parse(input)).isEqualTo(usPhone(input, "5127891111x" + extension, extension, null));
    }

    static Stream<Arguments> extensions() {
        return Stream.of(Arguments.of("5127891111x42", "42"), Arguments.of("5127891111 x43", "43"),
                Arguments.of("5127891111 x 44", "44"), Arguments.of("512-789-1111 ext. 45", "45"));
    }

    @Test
    void keepsPartiallyMaskedDigitsInEveryPartAndIsValid() {
        assertThat(phone.parse("1-(5*2) *** **11")).isEqualTo(value("phone", "1-(5*2) *** **11", "5*2*****11", true,
                "area", "5*2", "exchange", "***", "line", "**11", "number", "*****11", "extension", null,
                "country_code", "US", "country_calling_code", 1L, "type", null, "is_tollfree", false, "masked", true));
    }

    @Test
    void keepsSurroundingWhitespaceInRawOnly() {
        assertThat(phone.parse(" 5127891111 ")).isEqualTo(usPhone(" 5127891111 ", "5127891111", null, null));
    }

    @Test
    void treatsEmptyTextAsUnparseable() {
        assertThat(phone.parse("")).isEqualTo(value("phone", "", "", false));
    }

    @Test
    void reportsTollFreeAreaCodes() {
        assertThat(phone.parse("(800) 555-1212").part("is_tollfree")).isEqualTo(true);
        assertThat(phone.parse("(888) 555-1212").part("is_tollfree")).isEqualTo(true);
        assertThat(phone.parse("(512) 555-1212").part("is_tollfree")).isEqualTo(false);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"5125550147", "(512) 555-0147", "512.555.0198", "512-555-0147", " 512 555 0147 ",
            "(512)555-0147", "((512))--555..0147", "2000000000", "9999999999"})
    void readsPlainUsNumbersAsLibphonenumberDoes(String text) throws NumberParseException {
        assertThat(PhoneType.plainNanpNumber(text)).isEqualTo(PhoneNumberUtil.getInstance().parse(text, "US"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "0125550147", "1-512-555-0147", "+1 512 555 0147", "512555014", "51255501471",
            "512/555/0147", "512 555 0147 x2", "5*2 555 0147", "512\t555\t0147", "(512)   555   -   0147   "})
    void leavesOtherShapesToLibphonenumber(String text) {
        assertThat(PhoneType.plainNanpNumber(text)).isNull();
    }

    @Test
    void validatesNanpNumbersOfOtherRegionsAsUsNumbers() {
        assertThat(phone.parse("(416) 967-1111")).isEqualTo(value("phone", "(416) 967-1111", "4169671111", true,
                "area", "416", "exchange", "967", "line", "1111", "number", "9671111", "extension", null,
                "country_code", "US", "country_calling_code", 1L, "type", null, "is_tollfree", false));
    }

    @Test
    void readsJsonNumbersAsDigits() {
        assertThat(phone.parse(5127891111L)).isEqualTo(usPhone("5127891111", "5127891111", null, null));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        TypedValue parsed = phone.parse(phone.parse("512-789-1111"));
        assertThat(parsed).isEqualTo(usPhone("512-789-1111", "5127891111", null, null));
    }

    private static TypedValue usPhone(String raw, String normal, String extension, String type) {
        return value("phone", raw, normal, true, "area", "512", "exchange", "789", "line", "1111", "number", "7891111",
                "extension", extension, "country_code", "US", "country_calling_code", 1L, "type", type,
                "is_tollfree", false);
    }
}
