package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.FieldDefinition;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.ResponseMode;
import io.leadflow.flow.SourceDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.intake.domain.IntakeAnswer.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LeadIntakeTest {

    private static final Flow SHOP = new Flow("shop", "Shop", true, "rev-1",
            List.of(new FieldDefinition("email", "string", true), new FieldDefinition("first_name", "string", false)),
            List.of(source("web", ResponseMode.ASYNC, true, false, Duration.ofSeconds(10)),
                    source("partner", ResponseMode.SYNC, true, false, Duration.ofSeconds(5)),
                    source("slow", ResponseMode.SYNC, true, false, Duration.ofMillis(50)),
                    source("rich", ResponseMode.SYNC, true, true, Duration.ofSeconds(5)),
                    source("paused", ResponseMode.ASYNC, false, false, Duration.ofSeconds(10))),
            List.of(), Map.of());
    private static final Flow CLOSED = new Flow("closed", "Closed", false, "rev-2", List.of(),
            List.of(source("web", ResponseMode.ASYNC, true, false, Duration.ofSeconds(10))), List.of(), Map.of());
    private static final Map<String, Object> ADA = Map.of("email", "ada@example.com", "first_name", "Ada");

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final CompletionWaits completions = new CompletionWaits();
    private final LeadIntake intake = new LeadIntake(new FlowCatalog(List.of(SHOP, CLOSED)),
            new LeadIds(Clock.systemUTC(), new Random(7)), publisher, completions, Clock.systemUTC());

    @Test
    void refusesUnknownFlowsWithoutNamingThemAsLoaded() throws Exception {
        assertThat(submit("nope", "web", ADA))
                .isEqualTo(new IntakeAnswer.Refused(Refusal.UNKNOWN_FLOW, "Flow nope not found", null, null));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void refusesUnknownSources() throws Exception {
        assertThat(submit("shop", "nope", ADA)).isEqualTo(
                new IntakeAnswer.Refused(Refusal.UNKNOWN_SOURCE, "Source nope not found in flow shop", "shop", null));
    }

    @Test
    void refusesDisabledSourcesBeforeReadingTheirBody() throws Exception {
        Submission unreadable = new Submission.Unreadable(Refusal.MALFORMED_BODY, "Unable to parse JSON -- x");

        assertThat(intake.submit("shop", "paused", unreadable).get(5, TimeUnit.SECONDS))
                .isEqualTo(new IntakeAnswer.Refused(Refusal.SOURCE_DISABLED, "Source is disabled", "shop", "paused"));
    }

    @Test
    void refusesUnreadableSubmissionsWithTheParsersMessage() throws Exception {
        Submission unreadable = new Submission.Unreadable(Refusal.MALFORMED_BODY, "Unable to parse JSON -- x");

        assertThat(intake.submit("shop", "web", unreadable).get(5, TimeUnit.SECONDS))
                .isEqualTo(new IntakeAnswer.Refused(Refusal.MALFORMED_BODY, "Unable to parse JSON -- x", "shop", "web"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void answersErrorForADisabledFlowAndCreatesNoLead() throws Exception {
        assertThat(submit("closed", "web", ADA)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.ERROR, "Flow is disabled", null, 0, null, "closed", "web"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void publishesATypedLeadAndAnswersSuccessForAsyncSources() throws Exception {
        IntakeAnswer answer = submit("shop", "web", ADA);

        Published published = publisher.only();
        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS, null,
                published.lead().id(), 0, null, "shop", "web"));
        assertThat(published.lead()).isEqualTo(new Lead(published.lead().id(), "shop", "rev-1", "web",
                published.lead().submittedAt(), Map.of("email", text("ada@example.com"), "first_name", text("Ada"))));
        assertThat(published.lead().id()).matches("[0-9a-f]{24}");
        assertThat(published.rejection()).isNull();
    }

    @Test
    void answersFailureAtOnceAndPublishesTheRejectionWhenARequiredFieldIsMissing() throws Exception {
        IntakeAnswer answer = submit("shop", "partner", Map.of("first_name", "Ada"));

        Published published = publisher.only();
        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.FAILURE,
                "email is required", published.lead().id(), 0, null, "shop", "partner"));
        assertThat(published.rejection()).isEqualTo(new LeadStop(null, Outcome.FAILURE, "email is required"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void answersSyncSourcesWithTheLeadsCompletion() throws Exception {
        CompletableFuture<IntakeAnswer> answer = intake.submit("shop", "partner", new Submission.Values(ADA));
        String leadId = publisher.only().lead().id();

        completions.complete(new Completion(leadId, Outcome.FAILURE, "Duplicate", 2.5, List.of(step())));

        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.FAILURE, "Duplicate", leadId, 2.5, null, "shop", "partner"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void catchesACompletionThatArrivesBeforeThePublishAcknowledgement() throws Exception {
        publisher.acknowledgement = new CompletableFuture<>();
        CompletableFuture<IntakeAnswer> answer = intake.submit("shop", "partner", new Submission.Values(ADA));
        String leadId = publisher.only().lead().id();

        completions.complete(new Completion(leadId, Outcome.SUCCESS, null, 1, List.of()));
        publisher.acknowledgement.complete(null);

        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.SUCCESS, null, leadId, 1, null, "shop", "partner"));
    }

    @Test
    void answersPendingWhenTheCompletionDoesNotArriveInTimeAndForgetsTheWait() throws Exception {
        IntakeAnswer answer = submit("shop", "slow", ADA);

        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.PENDING, AnswerOutcome.PENDING, null,
                publisher.only().lead().id(), 0, null, "shop", "slow"));
        assertThat(completions.size()).isZero();
    }

    @Test
    void showsVerboseSourcesWhatEachEntityAppended() throws Exception {
        CompletableFuture<IntakeAnswer> answer = intake.submit("shop", "rich", new Submission.Values(ADA));
        String leadId = publisher.only().lead().id();
        StepResult skipped = new StepResult("crm", StepKind.RECIPIENT, "CRM", "custom.outbound.json", Outcome.SKIP,
                null, null, null, Map.of(), Instant.EPOCH, Duration.ZERO, null);
        StepResult filter = new StepResult("no-landlines", StepKind.FILTER, null, null, Outcome.SUCCESS, null, null,
                null, Map.of(), Instant.EPOCH, Duration.ZERO, null);

        completions.complete(new Completion(leadId, Outcome.SUCCESS, null, 3, List.of(step(), filter, skipped)));

        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("status", "accepted");
        buyer.put("outcome", "success");
        buyer.put("reason", "ok");
        buyer.put("price", 3.0);
        buyer.put("reference", "B-1");
        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new IntakeAnswer.Answered(Status.FINAL,
                AnswerOutcome.SUCCESS, null, leadId, 3, Map.of("buyer_abc_corp", buyer), "shop", "rich"));
    }

    @Test
    void answersNotStoredAndStopsWaitingWhenKafkaDoesNotAcknowledge() throws Exception {
        publisher.acknowledgement = CompletableFuture.failedFuture(new TimeoutException("no ack"));

        IntakeAnswer answer = submit("shop", "partner", ADA);

        assertThat(answer).isEqualTo(new IntakeAnswer.Answered(Status.NOT_STORED, AnswerOutcome.ERROR,
                "Lead could not be stored; please retry", null, 0, null, "shop", "partner"));
        assertThat(completions.size()).isZero();
    }

    private IntakeAnswer submit(String flowId, String sourceId, Map<String, Object> values) throws Exception {
        return intake.submit(flowId, sourceId, new Submission.Values(values)).get(5, TimeUnit.SECONDS);
    }

    private static StepResult step() {
        return new StepResult("buyer", StepKind.RECIPIENT, "Buyer ABC Corp", "custom.outbound.json",
                Outcome.SUCCESS, "ok", 3.0, "B-1", Map.of("status", "accepted"), Instant.EPOCH, Duration.ZERO, 200);
    }

    private static TypedValue text(String value) {
        return new TypedValue("string", value, value, true, Map.of());
    }

    private static SourceDefinition source(String id, ResponseMode mode, boolean enabled, boolean verbose,
                                           Duration timeout) {
        return new SourceDefinition(id, id, enabled, mode, timeout, verbose);
    }

    private record Published(Lead lead, LeadStop rejection) {
    }

    private static final class RecordingPublisher implements LeadPublisher {

        private final List<Published> published = new CopyOnWriteArrayList<>();
        private CompletableFuture<Void> acknowledgement = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Void> publish(Lead lead, LeadStop rejection) {
            published.add(new Published(lead, rejection));
            return acknowledgement;
        }

        Published only() {
            assertThat(published).hasSize(1);
            return published.get(0);
        }
    }
}
