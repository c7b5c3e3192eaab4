package io.leadflow.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterFilterTest {

    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-28T11:00:00Z");
    private static final Origin ORIGIN = new Origin("delivery.retry-scheduled", 0, 1, 1);

    private static final DeadLetter SOLAR_AT_NINE = parked("solar-9", NINE, DeadLetterCategory.RETRIES_EXHAUSTED,
            "Retries exhausted after 3 attempts: Server error", "solar", "buyer-abc", "Buyer ABC");
    private static final DeadLetter SOLAR_AT_TEN = parked("solar-10", TEN, DeadLetterCategory.RETRIES_EXHAUSTED,
            "Retries exhausted after 100 attempts: Timed out after 10s", "solar", "crm", "CRM");
    private static final DeadLetter ROOF_AT_ELEVEN = parked("roof-11", ELEVEN, DeadLetterCategory.FLOW_NOT_LOADED,
            "Flow roof revision abc is not loaded by delivery-service", "roof", null, null);
    private static final DeadLetter GARBLED_AT_TEN = parked("garbled-10", TEN, DeadLetterCategory.UNDECODABLE,
            "Value is not Avro single-object encoded", null, null, null);
    private static final List<DeadLetter> ALL = List.of(SOLAR_AT_NINE, SOLAR_AT_TEN, ROOF_AT_ELEVEN, GARBLED_AT_TEN);

    record Case(String behaviour, DeadLetterFilter filter, List<String> matched) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no criterion matches all", filter(null, null, null, null, null, null, null),
                        List.of("solar-9", "solar-10", "roof-11", "garbled-10")),
                new Case("by flow", filter("solar", null, null, null, null, null, null),
                        List.of("solar-9", "solar-10")),
                new Case("by step", filter(null, "crm", null, null, null, null, null), List.of("solar-10")),
                new Case("by entity, exactly", filter(null, null, "Buyer ABC", null, null, null, null),
                        List.of("solar-9")),
                new Case("by lead", filter(null, null, null, "roof-11", null, null, null), List.of("roof-11")),
                new Case("by part of the reason, ignoring case", filter(null, null, null, null, "timed OUT", null,
                        null), List.of("solar-10")),
                new Case("by category with underscores", filter(null, null, null, null, "flow_not_loaded", null,
                        null), List.of("roof-11")),
                new Case("by category with spaces", filter(null, null, null, null, "retries exhausted", null,
                        null), List.of("solar-9", "solar-10")),
                new Case("from is inclusive", filter(null, null, null, null, null, TEN, null),
                        List.of("solar-10", "roof-11", "garbled-10")),
                new Case("to is exclusive", filter(null, null, null, null, null, null, TEN), List.of("solar-9")),
                new Case("a time range", filter(null, null, null, null, null, NINE, ELEVEN),
                        List.of("solar-9", "solar-10", "garbled-10")),
                new Case("all criteria must hold", filter("solar", null, null, null, "server", TEN, null),
                        List.of()),
                new Case("a flow never matches a record without one", filter("unknown", null, null, null, null,
                        null, null), List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void selectsTheDeadLettersEveryGivenCriterionHoldsFor(Case given) {
        assertThat(ALL.stream().filter(given.filter()::matches).map(DeadLetter::leadId).toList())
                .isEqualTo(given.matched());
    }

    private static DeadLetterFilter filter(String flow, String step, String entity, String lead, String reason,
                                           Instant from, Instant to) {
        return new DeadLetterFilter(flow, step, entity, lead, reason, from, to);
    }

    private static DeadLetter parked(String leadId, Instant at, DeadLetterCategory category, String reason,
                                     String flow, String step, String entity) {
        return new DeadLetter(DeadLetter.idFor(ORIGIN, leadId), at, leadId, category, reason, flow, "rev", step,
                entity, 3, null, at, ORIGIN, null, null);
    }
}
