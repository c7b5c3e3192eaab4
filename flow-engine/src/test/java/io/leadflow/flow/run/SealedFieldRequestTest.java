package io.leadflow.flow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.testing.EchoOutbound;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.SealedFields;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.types.FieldTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed fields (ssn, credential) are opened only to render a step's request. */
class SealedFieldRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path secrets;

    @Test
    void aSealedFieldIsSentInClearWhileCriteriaSeeItsMask() throws IOException {
        Files.writeString(secrets.resolve("field-key"), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        References references = new References(name -> null, secrets);
        Flow flow = new FlowLoader(EchoOutbound.catalog(), references).parse("loans.yaml", """
                id: loans
                fields: [ { id: ssn, type: ssn } ]
                sources: [ { id: web } ]
                steps:
                  - id: bureau
                    type: enhancement
                    entity: Bureau
                    integration: test.outbound.echo
                    criteria: { rules: [ { lhv: lead.ssn.last_four, op: is equal to, rhv: "****" } ] }
                    mappings: { url: "https://bureau.example/", field.ssn: "{{lead.ssn}}", field.last: "x{{lead.ssn.last_four}}" }
                """);
        Lead lead = new Lead("lead-1", "loans", flow.revision(), "web", NOW, new SealedFields(references)
                .seal("lead-1", Map.of("ssn", FieldTypes.parse("ssn", "123-45-6789")), "field-key"));
        List<OutboundRequest> sent = new ArrayList<>();
        OutboundHttp http = (request, timeout) -> {
            sent.add(request);
            return CompletableFuture.completedFuture(new OutboundResponse(200, Map.of(), "accepted"));
        };

        StepResult result = new StepRunner(EchoOutbound.catalog(), http, references, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(flow.steps().get(0), new LeadView(flow, lead, List.of())).join();

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(sent).extracting(OutboundRequest::body).containsExactly("ssn=123456789\nlast=x6789");
        assertThat(lead.fields().get("ssn").normal()).isEqualTo("*********");
    }

    @Test
    void aSealedFieldThatDoesNotOpenIsAnErrorNamingTheFieldNotTheValue() throws IOException {
        Files.writeString(secrets.resolve("field-key"), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        References references = new References(name -> null, secrets);
        Flow flow = new FlowLoader(EchoOutbound.catalog(), references).parse("loans.yaml", """
                id: loans
                fields: [ { id: ssn, type: ssn } ]
                sources: [ { id: web } ]
                steps:
                  - { id: bureau, type: enhancement, entity: Bureau, integration: test.outbound.echo,
                      mappings: { url: "https://bureau.example/", field.ssn: "{{lead.ssn}}" } }
                """);
        Lead lead = new Lead("lead-2", "loans", flow.revision(), "web", NOW, new SealedFields(references)
                .seal("lead-1", Map.of("ssn", FieldTypes.parse("ssn", "123-45-6789")), "field-key"));
        OutboundHttp http = (request, timeout) -> CompletableFuture.failedFuture(new AssertionError("sent"));

        StepResult result = new StepRunner(EchoOutbound.catalog(), http, references, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(flow.steps().get(0), new LeadView(flow, lead, List.of())).join();

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.reason()).isEqualTo("Sealed field ssn does not open with the key in secret field-key");
    }
}
