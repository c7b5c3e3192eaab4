package io.leadflow.intake;

import static io.leadflow.intake.IntakeCalls.answer;
import static io.leadflow.intake.IntakeCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.intake.IntakeCalls.Answer;
import io.leadflow.intake.domain.AnswerOutcome;
import io.leadflow.intake.domain.IdempotencyClaim;
import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.intake.outbound.IdempotencyKeyLog;
import io.leadflow.schemas.intake.IdempotencyKeyUsed;
import io.leadflow.schemas.intake.LeadReceived;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Idempotency-Keys: one lead per key however often and wherever it is sent, and the first answer every time. */
@IntakeServiceContext
class IdempotencyIT {

    private static final String WEB = "/flows/shop/sources/web/submit";

    @Autowired
    private WebTestClient http;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private KafkaTemplate<String, IdempotencyKeyUsed> kafka;
    @Autowired
    private KafkaProperties kafkaProperties;

    @Test
    void aRepeatedKeyGetsTheFirstAnswerAgainAndCreatesNoSecondLead() {
        Answer first = post("key-1", "{\"email\":\"once@example.com\"}");
        WebTestClient.ResponseSpec repeat = http.post().uri(WEB).header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\":\"once@example.com\"}").exchange();

        repeat.expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(answer(repeat)).isEqualTo(first);
        assertThat(first.status()).isEqualTo(201);
        assertLeadsWithEmail("once@example.com", 1);
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneLead() {
        List<CompletableFuture<Answer>> answers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post("key-2", "{\"email\":\"race@example.com\"}")))
                .toList();

        List<Answer> given = answers.stream().map(CompletableFuture::join).toList();

        assertThat(given).allSatisfy(answer -> assertThat(answer).isEqualTo(given.get(0)));
        assertThat(given.get(0).status()).isEqualTo(201);
        assertLeadsWithEmail("race@example.com", 1);
    }

    @Test
    void anotherInstancesClaimHoldsTheKeyHereToo() throws Exception {
        IdempotencyKeyLog otherInstance = new IdempotencyKeyLog(kafka, kafkaProperties, Clock.systemUTC());
        otherInstance.start();
        try {
            String key = "shop\nweb\nkey-3";
            IdempotencyClaim claim = otherInstance.claim(key, "0123456789abcdef01234567", Clock.systemUTC().instant())
                    .get(20, TimeUnit.SECONDS);
            otherInstance.answered(key, claim, new IntakeAnswer.Answered(IntakeAnswer.Status.FINAL,
                    AnswerOutcome.SUCCESS, null, claim.leadId(), 0, null, "shop", "web")).get(20, TimeUnit.SECONDS);

            Answer here = post("key-3", "{\"email\":\"elsewhere@example.com\"}");

            assertThat(here).isEqualTo(new Answer(201, MediaType.APPLICATION_JSON,
                    "{\"outcome\":\"success\",\"lead\":{\"id\":\"0123456789abcdef01234567\"},\"price\":0}"));
            post("key-4", "{\"email\":\"after-elsewhere@example.com\"}");
            assertLeadsWithEmail("after-elsewhere@example.com", 1);
            assertLeadsWithEmail("elsewhere@example.com", 0);
        } finally {
            otherInstance.stop();
        }
    }

    @Test
    void aKeyThatIsNoVisibleAsciiIsRefused() {
        assertThat(answer(http.post().uri(WEB).header("Idempotency-Key", "x".repeat(256))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\":\"long@example.com\"}").exchange()))
                .isEqualTo(text(400, "Idempotency-Key must be 1 to 255 visible ASCII characters"));
    }

    private Answer post(String key, String json) {
        return answer(http.post().uri(WEB).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange());
    }

    private void assertLeadsWithEmail(String email, int count) {
        Predicate<LeadReceived> withEmail = event -> event.getFields().containsKey("email")
                && email.equals(event.getFields().get("email").getRaw());
        if (count > 0) {
            IntakeCalls.leadReceived(broker, withEmail);
        }
        assertThat(IntakeCalls.allLeadsReceived(broker).stream().filter(withEmail).count()).isEqualTo(count);
    }
}
