package io.leadflow.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackKeyringTest {

    private final FeedbackKeyring keyring = new FeedbackKeyring(Map.of(
            new Recipient("solar", "Buyer ABC"), "abc-secret",
            new Recipient("roofing", "Buyer ABC"), "abc-secret",
            new Recipient("solar", "Buyer XYZ"), "xyz-secret"));

    @Test
    void namesEveryRecipientTheKeyBelongsTo() {
        assertThat(keyring.recipientsFor("abc-secret")).containsExactlyInAnyOrder(
                new Recipient("solar", "Buyer ABC"), new Recipient("roofing", "Buyer ABC"));
        assertThat(keyring.recipientsFor("xyz-secret")).containsExactly(new Recipient("solar", "Buyer XYZ"));
    }

    @Test
    void tellsANoKeyCallFromAWrongKeyCall() {
        assertThat(keyring.authenticate(null)).contains(List.of());
        assertThat(keyring.authenticate(" ")).contains(List.of());
        assertThat(keyring.authenticate("xyz-secret")).contains(List.of(new Recipient("solar", "Buyer XYZ")));
        assertThat(keyring.authenticate("wrong")).isEmpty();
    }

    @Test
    void namesNobodyForAWrongOrPartialKey() {
        assertThat(keyring.recipientsFor("abc-secre")).isEmpty();
        assertThat(keyring.recipientsFor("ABC-SECRET")).isEmpty();
        assertThat(keyring.recipientsFor("")).isEmpty();
    }
}
