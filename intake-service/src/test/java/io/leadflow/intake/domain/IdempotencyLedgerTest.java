package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final IntakeAnswer.Answered ANSWER = new IntakeAnswer.Answered(IntakeAnswer.Status.FINAL,
            AnswerOutcome.SUCCESS, null, "lead-1", 0, null, "shop", "web");

    private final IdempotencyLedger ledger = new IdempotencyLedger();

    @Test
    void theFirstClaimInTheLogHoldsTheKeyAndLaterOnesDoNot() {
        ledger.claimed("k", "lead-1", T0);
        ledger.claimed("k", "lead-2", T0.plusSeconds(1));
        ledger.answered("k", "lead-2", ANSWER);

        IdempotencyClaim holder = ledger.holder("k", T0.plusSeconds(2)).orElseThrow();
        assertThat(holder.leadId()).isEqualTo("lead-1");
        assertThat(holder.answer()).isNotDone();

        ledger.answered("k", "lead-1", ANSWER);
        assertThat(holder.answer()).isCompletedWithValue(Optional.of(ANSWER));
    }

    @Test
    void aClaimHoldsItsKeyFor24HoursByTheClaimsOwnTimes() {
        ledger.claimed("k", "lead-1", T0);
        ledger.claimed("k", "lead-2", T0.plus(Duration.ofHours(24)).minusMillis(1));
        assertThat(ledger.holder("k", T0.plus(Duration.ofHours(23))).map(IdempotencyClaim::leadId)).contains("lead-1");

        ledger.claimed("k", "lead-3", T0.plus(Duration.ofHours(24)));
        assertThat(ledger.holder("k", T0.plus(Duration.ofHours(24))).map(IdempotencyClaim::leadId))
                .contains("lead-3");
        assertThat(ledger.holder("k", T0.plus(Duration.ofHours(48)))).isEmpty();
    }

    @Test
    void aReleasedClaimFreesTheKeyAndTellsWhoWaitsForItsAnswer() {
        ledger.claimed("k", "lead-1", T0);
        IdempotencyClaim first = ledger.holder("k", T0).orElseThrow();

        ledger.released("k", "lead-2");
        assertThat(ledger.holder("k", T0)).contains(first);

        ledger.released("k", "lead-1");
        assertThat(first.answer()).isCompletedWithValue(Optional.empty());
        assertThat(ledger.holder("k", T0)).isEmpty();

        ledger.claimed("k", "lead-2", T0.plusSeconds(5));
        assertThat(ledger.holder("k", T0.plusSeconds(5)).map(IdempotencyClaim::leadId)).contains("lead-2");
    }

    @Test
    void forgetsClaimsWhoseWindowEnded() {
        ledger.claimed("old", "lead-1", T0);
        ledger.claimed("new", "lead-2", T0.plus(Duration.ofHours(20)));

        ledger.forgetBefore(T0.plus(Duration.ofHours(25)));

        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.holder("new", T0.plus(Duration.ofHours(25))).map(IdempotencyClaim::leadId))
                .contains("lead-2");
    }
}
