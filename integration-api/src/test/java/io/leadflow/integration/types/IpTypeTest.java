package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpTypeTest {

    private final IpType ip = new IpType();

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"198.51.90.161", "198.51.90.161/32", "http://198.51.90.161:32", "http://198.51.90.161",
            "    198. 51. 90. 161     ", "    http://198.51.90.161     ", "198.51.90.161/extra_path", "198.51.90.161/33"})
    void readsIpv4IgnoringWhitespaceSchemePortAndPath(String input) {
        assertThat(ip.parse(input)).isEqualTo(value("ip", input, "198.51.90.161", true,
                "is_ipv4", true, "ipv6_format", "ffff::c633:5aa1"));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"010.001.1.1, 10.1.1.1, ffff::a01:101", "203.0.113.42., 203.0.113.42, ffff::cb00:712a"})
    void readsIpv4WithLeadingZerosOrATrailingDot(String input, String address, String ipv6Format) {
        assertThat(ip.parse(input)).isEqualTo(value("ip", input, address, true, "is_ipv4", true, "ipv6_format", ipv6Format));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"[8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9]", "8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9",
            "    [8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9]     ",
            "    http://[8faa:    230d:52ab:98f3:a2ea:    7735:a7b8:72e9]     ",
            "http://[8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9]:32", "8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9/64",
            "http://8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9", "8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9:32",
            "8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9/129", "http://8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9/extra_path",
            "8FAA:230D:52AB:98F3:A2EA:7735:A7B8:72E9"})
    void readsIpv6WithOrWithoutBrackets(String input) {
        String address = "8faa:230d:52ab:98f3:a2ea:7735:a7b8:72e9";
        assertThat(ip.parse(input)).isEqualTo(value("ip", input, address, true, "is_ipv4", false, "ipv6_format", address));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
        "[0000:0000:0000:0000:0000:0000:0000:0001], ::1",
        "[ffff::186.25.192.233], ffff::ba19:c0e9",
        "[::ffff:186.25.192.233], ::ffff:ba19:c0e9",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "1:0:0:2:3:0:0:4, 1::2:3:0:0:4"})
    void compressesIpv6AsTheUrlStandardDoes(String input, String address) {
        assertThat(ip.parse(input)).isEqualTo(value("ip", input, address, true, "is_ipv4", false, "ipv6_format", address));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "https://google.com", "https://", "donkey://google.com", "fe80:2030:31:24",
            "256.4.5.6", "56FE::2159:5BBC::6594", "::GG", "1.2.3", "203.0.113.42.."})
    void rejectsAnythingButAnAddress(String input) {
        assertThat(ip.parse(input)).isEqualTo(value("ip", input, input, false));
    }

    @Test
    void rejectsStructures() {
        assertThat(ip.parse(Map.of("foo", 42))).isEqualTo(value("ip", "[object Object]", "[object Object]", false));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(ip.parse(ip.parse("http://198.51.90.161"))).isEqualTo(value("ip", "http://198.51.90.161",
                "198.51.90.161", true, "is_ipv4", true, "ipv6_format", "ffff::c633:5aa1"));
    }
}
