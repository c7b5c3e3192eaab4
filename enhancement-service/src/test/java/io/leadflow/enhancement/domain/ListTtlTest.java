package io.leadflow.enhancement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListTtlTest {

    @ParameterizedTest(name = "{0} = {1}s, shown {2}")
    @CsvSource({"30d, 2592000, 30d", "12h, 43200, 12h", "15m, 900, 15m", "90s, 90, 90s", "P30D, 2592000, 30d",
            "PT36H, 129600, 36h", "' 7 D ', 604800, 7d"})
    void parsesAndFormats(String text, long seconds, String shown) {
        Duration ttl = ListTtl.parse(text).orElseThrow();
        assertThat(ttl).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(ListTtl.format(ttl)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0d", "-1d", "P0D", "PT-1H", "", "30 days"})
    void refusesWhatIsNotAPositiveDuration(String text) {
        assertThat(ListTtl.parse(text)).isEmpty();
    }
}
