package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.testing.EchoOutbound;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class AcceptanceTest {

    private static final Flow FLOW = new FlowLoader(EchoOutbound.catalog(), new References(name -> null, Path.of(".")))
            .parse("solar.yaml", """
                    id: solar
                    fields:
                      - { id: phone_1, type: phone, required: true }
                      - { id: email, type: email }
                      - { id: state, type: state }
                    acceptance: { rules: [ { lhv: lead.phone_1.valid, op: is true },
                                           { lhv: lead.state, op: is not equal to, rhv: NY } ] }
                    sources:
                      - id: web
                        acceptance: { reason: Free email addresses are not accepted,
                                      rules: [ { lhv: lead.email.is_free, op: is not true } ] }
                      - id: partner
                        acceptance: { op: or, rules: [ { lhv: lead.email, op: is not blank },
                                                       { lhv: source.id, op: is equal to, rhv: other } ] }
                    """);

    record Case(String name, String source, Map<String, String> fields, String reason) {
    }

    static final List<Case> CASES = List.of(
            new Case("accepted", "web", Map.of("phone_1", "512-789-1111", "email", "ada@example.com"), null),
            new Case("required field missing", "web", Map.of("email", "ada@example.com"), "phone_1 is required"),
            new Case("required field blank", "web", Map.of("phone_1", "  "), "phone_1 is required"),
            new Case("flow rule fails, named", "web", Map.of("phone_1", "1111"),
                    "Acceptance criteria not met: lead.phone_1.valid is true"),
            new Case("flow rule with a right-hand value", "web", Map.of("phone_1", "5127891111", "state", "new york"),
                    "Acceptance criteria not met: lead.state is not equal to NY"),
            new Case("flow criteria come before the source's", "web",
                    Map.of("phone_1", "1111", "email", "ada@gmail.com"),
                    "Acceptance criteria not met: lead.phone_1.valid is true"),
            new Case("source rule fails with its reason", "web", Map.of("phone_1", "5127891111", "email", "ada@gmail.com"),
                    "Free email addresses are not accepted"),
            new Case("source criteria of another source do not apply", "partner",
                    Map.of("phone_1", "5127891111", "email", "ada@gmail.com"), null),
            new Case("an or set that fails is not named rule by rule", "partner", Map.of("phone_1", "5127891111"),
                    "Acceptance criteria not met"));

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void refusesWithTheReasonOfTheFirstCriteriaThatFail(Case example) {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        example.fields().forEach((id, value) ->
                fields.put(id, FieldTypes.parse(FLOW.field(id).orElseThrow().type(), value)));
        Lead lead = new Lead("lead-1", FLOW.id(), FLOW.revision(), example.source(), Instant.EPOCH, fields);

        Optional<LeadStop> stop = Acceptance.check(FLOW, FLOW.source(example.source()).orElseThrow(), lead);

        assertThat(stop).isEqualTo(Optional.ofNullable(example.reason())
                .map(reason -> new LeadStop(null, Outcome.FAILURE, reason)));
    }
}
