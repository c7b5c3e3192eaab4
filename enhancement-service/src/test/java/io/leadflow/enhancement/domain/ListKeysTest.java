package io.leadflow.enhancement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ListKeysTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ListSpec DNC = new ListSpec("dnc", "g1", null, null, CREATED);
    private static final Map<String, String> SECRETS = Map.of("${secret:dnc-key}", "per-list-secret");
    private final ListKeys keys = new ListKeys(reference -> {
        if (!SECRETS.containsKey(reference)) {
            throw new IllegalArgumentException("unresolved " + reference);
        }
        return SECRETS.get(reference);
    }, "service-secret");

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = ';', value = {
            " Ada@Example.COM ; ada@example.com",
            "(512) 555-0100; 5125550100",
            "+1 512.555.0100; 15125550100",
            "555-01; 555-01",
            "Order 42 ; Order 42",
            "ABC-123; ABC-123"})
    void normalisesBeforeHashing(String given, String normal) {
        assertThat(ListValues.normalise(given)).isEqualTo(normal);
        assertThat(keys.hash(DNC, given)).isEqualTo(keys.hash(DNC, normal));
    }

    @Test
    void hashesAreKeyedPerListGenerationAndSecretAndHideTheValue() {
        String hash = keys.hash(DNC, "ada@example.com");
        assertThat(hash).matches("[A-Za-z0-9_-]{43}").doesNotContain("ada");
        assertThat(keys.hash(new ListSpec("other", "g1", null, null, CREATED), "ada@example.com")).isNotEqualTo(hash);
        assertThat(keys.hash(new ListSpec("dnc", "g2", null, null, CREATED), "ada@example.com")).isNotEqualTo(hash);
        assertThat(keys.hash(new ListSpec("dnc", "g1", null, "${secret:dnc-key}", CREATED), "ada@example.com"))
                .isNotEqualTo(hash);
        assertThat(new ListKeys(reference -> reference, "other-secret").hash(DNC, "ada@example.com"))
                .isNotEqualTo(hash);
        assertThat(keys.hash(DNC, "grace@example.com")).isNotEqualTo(hash);
    }

    @Test
    void refusesToHashWithoutASecret() {
        assertThatThrownBy(() -> new ListKeys(reference -> reference, "").hash(DNC, "ada@example.com"))
                .isInstanceOf(ListKeys.MissingListSecret.class)
                .hasMessage("No lists secret is configured (set LEADFLOW_LISTS_SECRET)");
    }
}
