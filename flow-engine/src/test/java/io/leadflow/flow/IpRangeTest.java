package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class IpRangeTest {

    record Case(String range, String address, boolean contains) {
    }

    static final List<Case> CASES = List.of(
            new Case("203.0.113.0/24", "203.0.113.7", true),
            new Case("203.0.113.0/24", "203.0.114.7", false),
            new Case("203.0.113.9", "203.0.113.9", true),
            new Case("203.0.113.9", "203.0.113.10", false),
            new Case("203.0.113.77/25", "203.0.113.1", true),
            new Case("0.0.0.0/0", "198.51.100.1", true),
            new Case("0.0.0.0/0", "2001:db8::1", false),
            new Case("2001:db8::/32", "2001:db8:ffff::1", true),
            new Case("2001:db8::/32", "2001:db9::1", false),
            new Case("10.0.0.0/8", "::ffff:10.1.2.3", true));

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @FieldSource("CASES")
    void holdsTheAddressesOfItsPrefix(Case example) throws Exception {
        IpRange range = IpRange.parse(example.range()).orElseThrow();

        assertThat(range.contains(InetAddress.getByName(example.address()))).isEqualTo(example.contains());
    }

    @ParameterizedTest
    @CsvSource({"300.1.1.1", "10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0.0/", "10.0.0.0/x", "''",
            "1.2.3", "localhost"})
    void readsOnlyLiteralAddressesAndRanges(String text) {
        assertThat(IpRange.parse(text)).isEqualTo(Optional.empty());
    }
}
