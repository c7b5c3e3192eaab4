package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.References;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integrations.custom.CustomPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryFlowsTest {

    @TempDir
    Path flows;

    @Test
    void writesTheBenchFlowWithOneRecipientStepPerBuyer() {
        String bench = """
                # the intake benchmark's flow
                id: bench
                name: Intake benchmark
                fields:
                  - { id: email, type: email, required: true }
                steps: []
                """;
        assertThat(DeliveryBenchmark.flow(bench, "bench-hanging", "Hanging Buyer", "http://127.0.0.1:1/hang"))
                .isEqualTo("""
                        # the intake benchmark's flow
                        id: bench-hanging
                        name: Delivery benchmark (Hanging Buyer)
                        fields:
                          - { id: email, type: email, required: true }
                        steps:
                          - id: buyer
                            type: recipient
                            entity: Hanging Buyer
                            integration: custom.outbound.json
                            timeout: 5s
                            retry: { max_attempts: 1 }
                            mappings:
                              url: http://127.0.0.1:1/hang
                              json_property.email: "{{lead.email}}"
                              json_property.phone: "{{lead.phone_1}}"
                              outcome_search_term: accepted
                        """);
    }

    @Test
    void refusesABenchFlowItCannotBuildOn() {
        assertThatThrownBy(() -> DeliveryBenchmark.flow("id: other\nsteps: []\n", "bench-delivery", "Bench Buyer",
                "http://127.0.0.1:1/leads")).isInstanceOf(IllegalStateException.class)
                .hasMessage("flows/bench.yaml no longer has the 'id: bench' and 'steps: []' lines the delivery"
                        + " benchmark builds its flows on");
    }

    @Test
    void writesFlowsThatLeadflowLoadsFromTheProjectsBenchFlow() throws IOException {
        DeliveryBenchmark.writeFlows(Path.of(".."), flows, "http://127.0.0.1:1");
        IntegrationSettings settings = IntegrationSettings.defaults();
        FlowLoader loader = new FlowLoader(new IntegrationCatalog(List.of(new CustomPackage()), settings),
                new References(name -> null, Path.of(".")));
        for (String id : List.of(DeliveryBenchmark.HEALTHY_FLOW, DeliveryBenchmark.HANGING_FLOW)) {
            Flow flow = loader.load(flows.resolve(id + ".yaml"));
            assertThat(flow.id()).isEqualTo(id);
            assertThat(flow.fields()).hasSize(LeadBodies.FIELD_COUNT);
            assertThat(flow.steps()).hasSize(1);
        }
    }
}
