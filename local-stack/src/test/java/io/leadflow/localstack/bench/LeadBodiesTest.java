package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadflow.flow.FieldDefinition;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.References;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LeadBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LEADS = 20_000;

    @Test
    void writesTheFifteenFieldsOfTheBenchFlow() {
        assertThat(new String(new LeadBodies(1_000_000).next(), StandardCharsets.UTF_8)).isEqualTo("{"
                + "\"first_name\":\"Grace\",\"last_name\":\"Thompson\","
                + "\"email\":\"grace.thompson.1000000@example.com\",\"phone_1\":\"5123000000\","
                + "\"phone_2\":\"(512) 550-0100 w\","
                + "\"address_1\":\"200 Pine Road\",\"city\":\"Denver\",\"state\":\"CO\",\"postal_code\":\"80200\","
                + "\"ip_address\":\"203.0.113.3\",\"dob\":\"5/9/1950\",\"gender\":\"M\","
                + "\"landing_page_url\":\"https://offers.example.com/health-plans?utm_source=partner-0"
                + "&utm_medium=cpc&utm_campaign=health-plans\","
                + "\"trustedform_cert_url\":\"https://cert.trustedform.com/"
                + "00000000000000000000000000000000000f4240\","
                + "\"ssn\":\"615-02-0000\"}");
    }

    @Test
    void typesEveryFieldOfEveryLeadValidWithTheBenchFlowsTypes() {
        Flow bench = new FlowLoader(new IntegrationCatalog(List.of(), IntegrationSettings.defaults()),
                new References(name -> null, Path.of("."))).load(Path.of("..", "flows", "bench.yaml"));
        assertThat(bench.fields()).hasSize(LeadBodies.FIELD_COUNT);
        LeadBodies bodies = new LeadBodies(1_000_000);
        for (int i = 0; i < 2_000; i++) {
            JsonNode lead = JSON.readTree(bodies.next());
            assertThat(lead.propertyNames()).containsExactlyElementsOf(
                    bench.fields().stream().map(FieldDefinition::id).toList());
            for (FieldDefinition field : bench.fields()) {
                TypedValue typed = FieldTypes.parse(field.type(), lead.path(field.id()).asString());
                assertThat(typed.valid()).as("%s %s", field.id(), typed.raw()).isTrue();
            }
        }
    }

    @Test
    void writesJsonObjectsOfTheBenchFlowsFifteenFields() {
        LeadBodies bodies = new LeadBodies(1_000_000);
        for (int i = 0; i < LEADS; i++) {
            byte[] body = bodies.next();
            assertThat(body.length).isBetween(500, 600);
            JsonNode lead = JSON.readTree(body);
            assertThat(lead.propertyNames()).hasSize(LeadBodies.FIELD_COUNT);
            assertThat(List.of("first_name", "last_name", "email", "phone_1"))
                    .allSatisfy(field -> assertThat(lead.path(field).asString("")).isNotBlank());
            assertThat(lead.path("phone_1").asString()).matches("[2-9]\\d{2}[2-9]\\d{6}");
        }
    }

    @Test
    void givesEveryLeadItsOwnEmailAndPhone() {
        LeadBodies bodies = new LeadBodies(1_000_000);
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> firstNames = new HashSet<>();
        for (int i = 0; i < LEADS; i++) {
            JsonNode lead = JSON.readTree(bodies.next());
            emails.add(lead.path("email").asString());
            phones.add(lead.path("phone_1").asString());
            firstNames.add(lead.path("first_name").asString());
        }
        assertThat(emails).hasSize(LEADS);
        assertThat(phones).hasSize(LEADS);
        assertThat(firstNames).hasSizeGreaterThan(10);
    }

    @Test
    void givesEachOfSeveralThreadsDifferentLeads() throws InterruptedException {
        LeadBodies bodies = new LeadBodies(1);
        List<Thread> threads = new ArrayList<>();
        Set<String> emails = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    emails.add(JSON.readTree(bodies.next()).path("email").asString());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(emails).hasSize(20_000);
    }
}
