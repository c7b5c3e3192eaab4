package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.flow.testing.BulkEchoOutbound;
import io.leadflow.integration.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowLoaderTest {

    private static final String VALID = """
            id: solar
            name: Solar leads
            fields:
              - { id: phone_1, type: phone, required: true }
              - { id: email, type: email }
            sources:
              - { id: web, response: async }
              - { id: partner, name: Partner API, response_timeout: 3s, verbose: true }
            feedback_keys: { Buyer ABC: "${secret:BUYER_KEY}" }
            steps:
              - id: check
                type: enhancement
                entity: Phone Check
                integration: test.outbound.echo
                mappings: { url: "${env:PARTNER_URL}/check", field.phone: "{{lead.phone_1}}" }
              - id: no-landlines
                type: filter
                reason: Landline
                rule_set: { op: or, rules: [ { lhv: appended.phone_check.line, op: is equal to, rhv: fixed } ] }
              - id: buyer-abc
                type: recipient
                entity: Buyer ABC
                integration: test.outbound.echo
                timeout: 250ms
                criteria: { rules: [ { rule_set: { rules: [ { lhv: lead.email, op: is not blank } ] } } ] }
                mappings: { url: "https://buyer.example/leads" }
            """;

    @TempDir
    Path secrets;

    private FlowLoader loader() throws IOException {
        Files.writeString(secrets.resolve("BUYER_KEY"), "s3cret\n");
        Map<String, String> environment = Map.of("PARTNER_URL", "https://partner.example");
        return new FlowLoader(BulkEchoOutbound.catalog(), new References(environment::get, secrets));
    }

    @Test
    void readsEveryPartOfAFlow() throws IOException {
        Flow flow = loader().parse("solar.yaml", VALID);

        assertThat(flow.id()).isEqualTo("solar");
        assertThat(flow.name()).isEqualTo("Solar leads");
        assertThat(flow.enabled()).isTrue();
        assertThat(flow.revision()).hasSize(12);
        assertThat(flow.fields()).containsExactly(new FieldDefinition("phone_1", "phone", true),
                new FieldDefinition("email", "email", false));
        assertThat(flow.sources()).containsExactly(
                new SourceDefinition("web", "web", true, ResponseMode.ASYNC, Duration.ofSeconds(10), false),
                new SourceDefinition("partner", "Partner API", true, ResponseMode.SYNC, Duration.ofSeconds(3), true));
        assertThat(flow.feedbackKeys()).isEqualTo(Map.of("Buyer ABC", "${secret:BUYER_KEY}"));
        assertThat(flow.steps()).extracting(StepDefinition::id).containsExactly("check", "no-landlines", "buyer-abc");
        assertThat(flow.enhancementSteps()).extracting(StepDefinition::id).containsExactly("check", "no-landlines");
        assertThat(flow.deliverySteps()).extracting(StepDefinition::id).containsExactly("buyer-abc");

        StepDefinition check = flow.steps().get(0);
        assertThat(check.kind()).isEqualTo(StepKind.ENHANCEMENT);
        assertThat(check.appendedNamespace()).isEqualTo("phone_check");
        assertThat(check.mappings()).isEqualTo(
                Map.of("url", "${env:PARTNER_URL}/check", "field.phone", "{{lead.phone_1}}"));
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(10));

        StepDefinition filter = flow.steps().get(1);
        assertThat(filter.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(filter.reason()).isEqualTo("Landline");
        assertThat(filter.ruleSet()).isEqualTo(new RuleSet(RuleSet.Join.OR,
                List.of(new RuleSet.Rule("appended.phone_check.line", "is equal to", "fixed", null))));

        assertThat(flow.steps().get(2).timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(flow.steps().get(2).retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(flow.steps().get(2).limits()).isEqualTo(RecipientLimits.NONE);
        assertThat(check.retry()).isNull();
    }

    @Test
    void readsARecipientsRetryPolicyAndLimits() throws IOException {
        Flow flow = loader().parse("f.yaml", VALID.replace("timeout: 250ms", """
                timeout: 250ms
                    retry: { max_attempts: 5, initial_interval: 2s, max_interval: 1m, max_age: 2h }
                    limits: { max_concurrency: 20, max_rate_per_second: 50 }"""));

        StepDefinition recipient = flow.steps().get(2);
        assertThat(recipient.retry()).isEqualTo(
                new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofHours(2)));
        assertThat(recipient.limits()).isEqualTo(new RecipientLimits(20, 50));
        assertThat(recipient.batch()).as("no batch unless asked for").isNull();
    }

    @Test
    void readsARecipientsBatchWithItsDefaults() throws IOException {
        String bulk = VALID.replace("integration: test.outbound.echo\n    timeout",
                "integration: test.outbound.bulk\n    timeout");
        Flow given = loader().parse("f.yaml", bulk.replace("timeout: 250ms",
                "timeout: 250ms\n    batch: { max_leads: 50, max_wait: 200ms }"));
        Flow defaults = loader().parse("f.yaml", bulk.replace("timeout: 250ms", "timeout: 250ms\n    batch: {}"));

        assertThat(given.steps().get(2).batch()).isEqualTo(new BatchSettings(50, Duration.ofMillis(200)));
        assertThat(defaults.steps().get(2).batch()).isEqualTo(new BatchSettings(100, Duration.ofSeconds(1)));
    }

    @Test
    void readsSourceSecurityAndAcceptanceCriteria() throws IOException {
        String yaml = VALID.replace("name: Solar leads", """
                name: Solar leads
                acceptance: { rules: [ { lhv: lead.phone_1.valid, op: is true } ] }""").replace(
                "{ id: web, response: async }", """
                { id: web, response: async, allowed_ips: [ 203.0.113.0/24, "2001:db8::1" ],
                      auth: { type: api_key, query_param: api_key, keys: [ "${secret:BUYER_KEY}", "${env:PARTNER_URL}" ] },
                      acceptance: { reason: Email needed, rules: [ { lhv: lead.email, op: is not blank } ] } }""").replace(
                "{ id: partner, name: Partner API,",
                "{ id: partner, name: Partner API, auth: { type: basic, username: acme, password: \"${secret:BUYER_KEY}\" },");

        Flow flow = loader().parse("solar.yaml", yaml);

        assertThat(flow.acceptance()).isEqualTo(new Acceptance.Criteria(new RuleSet(RuleSet.Join.AND,
                List.of(new RuleSet.Rule("lead.phone_1.valid", "is true", null, null))), null));
        assertThat(flow.sources()).containsExactly(
                new SourceDefinition("web", "web", true, ResponseMode.ASYNC, Duration.ofSeconds(10), false,
                        new SourceAuth.ApiKey(null, "api_key", List.of("${secret:BUYER_KEY}", "${env:PARTNER_URL}")),
                        List.of(IpRange.parse("203.0.113.0/24").orElseThrow(), IpRange.parse("2001:db8::1").orElseThrow()),
                        new Acceptance.Criteria(new RuleSet(RuleSet.Join.AND,
                                List.of(new RuleSet.Rule("lead.email", "is not blank", null, null))), "Email needed")),
                new SourceDefinition("partner", "Partner API", true, ResponseMode.SYNC, Duration.ofSeconds(3), true,
                        new SourceAuth.Basic("acme", "${secret:BUYER_KEY}"), List.of(), Acceptance.Criteria.NONE));
    }

    @Test
    void apiKeysGoInTheXApiKeyHeaderUnlessToldOtherwise() throws IOException {
        Flow flow = loader().parse("solar.yaml", VALID.replace("{ id: web, response: async }",
                "{ id: web, auth: { type: api_key, keys: [ \"${secret:BUYER_KEY}\" ] } }"));

        assertThat(flow.source("web").orElseThrow().auth())
                .isEqualTo(new SourceAuth.ApiKey("X-Api-Key", null, List.of("${secret:BUYER_KEY}")));
    }

    @Test
    void revisionChangesWithTheDefinition() throws IOException {
        FlowLoader loader = loader();

        assertThat(loader.parse("a.yaml", VALID).revision())
                .isEqualTo(loader.parse("b.yaml", VALID).revision())
                .isNotEqualTo(loader.parse("a.yaml", VALID.replace("Landline", "Land line")).revision());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key          | 'steps:'                  | 'stepz:'          | 'f.yaml: stepz: unknown key (allowed here: acceptance, credentials, description, enabled, feedback_keys, fields, id, name, sources, steps)'
            key of a later version         | 'name: Solar leads'       | 'caps: {}'        | 'f.yaml: caps: is not supported by this version of Leadflow yet'
            acceptance reading appended    | 'name: Solar leads'       | 'acceptance: { rules: [ { lhv: appended.x.y, op: is true } ] }' | 'f.yaml: acceptance: rules cannot read ''appended.x.y'': acceptance criteria are checked at intake, before any step appended data'
            acceptance with unknown key    | 'name: Solar leads'       | 'acceptance: { rules: [], why: x }' | 'f.yaml: acceptance.why: unknown key (allowed here: op, reason, rules)'
            acceptance with blank reason   | 'name: Solar leads'       | 'acceptance: { rules: [], reason: " " }' | 'f.yaml: acceptance.reason: must not be blank (leave it out to name the failed rule)'
            unknown auth type              | '{ id: web, response: async }' | '{ id: web, auth: { type: oauth } }' | 'f.yaml: sources[0].auth.type: must be api_key or basic, not ''oauth'''
            literal API key                | '{ id: web, response: async }' | '{ id: web, auth: { type: api_key, keys: [ abc123 ] } }' | 'f.yaml: sources[0].auth.keys[0]: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            API key in header and query    | '{ id: web, response: async }' | '{ id: web, auth: { type: api_key, header: X-Key, query_param: key, keys: [ "${secret:BUYER_KEY}" ] } }' | 'f.yaml: sources[0].auth: give the key''s header or its query_param, not both'
            API key without keys           | '{ id: web, response: async }' | '{ id: web, auth: { type: api_key } }' | 'f.yaml: sources[0].auth.keys: must list at least one key reference'
            API key of an unset variable   | '{ id: web, response: async }' | '{ id: web, auth: { type: api_key, keys: [ "${env:NOPE}" ] } }' | 'f.yaml: sources[0].auth.keys[0]: environment variable NOPE is not set'
            bad API key header name        | '{ id: web, response: async }' | '{ id: web, auth: { type: api_key, header: "X Key", keys: [ "${secret:BUYER_KEY}" ] } }' | 'f.yaml: sources[0].auth.header: ''X Key'' is not an HTTP header name'
            literal basic password         | '{ id: web, response: async }' | '{ id: web, auth: { type: basic, username: partner, password: hunter2 } }' | 'f.yaml: sources[0].auth.password: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            basic auth with a key list     | '{ id: web, response: async }' | '{ id: web, auth: { type: basic, username: partner, password: "${secret:BUYER_KEY}", keys: [] } }' | 'f.yaml: sources[0].auth.keys: unknown key (allowed here: password, type, username)'
            bad allowed address            | '{ id: web, response: async }' | '{ id: web, allowed_ips: [ 10.0.0.0/8, 300.1.1.1 ] }' | 'f.yaml: sources[0].allowed_ips[1]: ''300.1.1.1'' is not an IP address or CIDR range such as 203.0.113.0/24'
            host name as allowed address   | '{ id: web, response: async }' | '{ id: web, allowed_ips: [ partner.example ] }' | 'f.yaml: sources[0].allowed_ips[0]: ''partner.example'' is not an IP address or CIDR range such as 203.0.113.0/24'
            empty allow-list               | '{ id: web, response: async }' | '{ id: web, allowed_ips: [] }' | 'f.yaml: sources[0].allowed_ips: must list at least one address or range (leave it out to allow any address)'
            unknown field type             | 'type: email'             | 'type: emale'     | 'f.yaml: fields[1].type: unknown field type ''emale'' (known: boolean, city, credential, date, dob, email, first_name, gender, ip, last_name, number, phone, postal_code, range, ssn, state, street, string, time, trustedform_url, url)'
            unknown integration            | 'integration: test.outbound.echo\n    timeout' | 'integration: test.outbound.ech\n    timeout' | 'f.yaml: steps[2].integration: unknown integration ''test.outbound.ech'' (known: test.outbound.bulk, test.outbound.echo)'
            mapping of no variable         | 'field.phone:'            | 'feild.phone:'    | 'f.yaml: steps[0].mappings.feild.phone: is not a variable of test.outbound.echo'
            required variable missing      | 'mappings: { url: "https://buyer.example/leads" }' | 'mappings: {}' | 'f.yaml: steps[2].mappings.url: is required by test.outbound.echo'
            unknown operator               | 'op: is equal to'         | 'op: equals'      | 'f.yaml: steps[1].rule_set.rules[0].op: unknown operator ''equals'' (known: contains, does not contain, does not include, does not match pattern, format is invalid, format is valid, includes, is between, is blank, is equal to, is false, is greater than, is greater than or equal to, is included in, is less than, is less than or equal to, is not between, is not blank, is not equal to, is not false, is not included in, is not true, is true, matches pattern)'
            left-hand value not readable   | 'lhv: lead.email'         | 'lhv: email'      | 'f.yaml: steps[2].criteria.rules[0].rule_set.rules[0].lhv: ''email'' is not a path a rule can read (lead.*, appended.*, source.*, flow.*, submission.timestamp)'
            missing right-hand value       | ', rhv: fixed'            | ''                | 'f.yaml: steps[1].rule_set.rules[0].rhv: is required for operator ''is equal to'''
            unset environment variable     | '${env:PARTNER_URL}'      | '${env:NOPE}'     | 'f.yaml: steps[0].mappings.url: environment variable NOPE is not set'
            missing secret                 | '${secret:BUYER_KEY}'     | '${secret:NOPE}'  | 'f.yaml: feedback_keys.Buyer ABC: secret NOPE is not in SECRETS'
            literal feedback key           | '"${secret:BUYER_KEY}"'   | 'abc123'          | 'f.yaml: feedback_keys.Buyer ABC: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            feedback key of no recipient   | '{ Buyer ABC:'            | '{ Buyer XYZ:'    | 'f.yaml: feedback_keys.Buyer XYZ: is not the entity of a recipient step of this flow'
            bad template path              | '{{lead.phone_1}}'        | '{{phone_1}}'     | 'f.yaml: steps[0].mappings.field.phone: template {{phone_1}} does not start with lead., appended., source., flow. or submission.'
            bad duration                   | 'timeout: 250ms'          | 'timeout: soon'   | 'f.yaml: steps[2].timeout: must be a duration such as 500ms, 10s, 15m, 24h or 7d, not ''soon'''
            bad response mode              | 'response: async'         | 'response: later' | 'f.yaml: sources[0].response: must be one of async, sync, not ''later'''
            filter without rules           | 'rule_set: { op: or'      | 'xrule_set: { op: or' | 'f.yaml: steps[1].xrule_set: unknown key (allowed here: batch, cache_ttl, credential, criteria, entity, id, integration, limits, mappings, name, outcome, reason, retry, rule_set, timeout, type)'
            filter with an entity          | 'reason: Landline'        | 'entity: X'       | 'f.yaml: steps[1].entity: does not apply to a filter step'
            enhancement after recipient    | 'mappings: { url: "https://buyer.example/leads" }' | 'mappings: { url: "https://buyer.example/leads" }\n  - { id: late, type: enhancement, entity: Late, integration: test.outbound.echo, mappings: { url: "https://x.example" } }' | 'f.yaml: steps[3].type: an enhancement step may not follow a recipient step'
            duplicate step id              | 'id: buyer-abc'           | 'id: check'       | 'f.yaml: steps[2].id: step ''check'' is defined twice'
            retry of a filter              | 'reason: Landline'        | 'retry: {}'       | 'f.yaml: steps[1].retry: does not apply to a filter step'
            limits of an enhancement       | 'entity: Phone Check'     | 'entity: Phone Check\n    limits: { max_concurrency: 2 }' | 'f.yaml: steps[0].limits: does not apply to an enhancement step'
            unknown retry key              | 'timeout: 250ms'          | 'timeout: 250ms\n    retry: { attempts: 3 }' | 'f.yaml: steps[2].retry.attempts: unknown key (allowed here: initial_interval, max_age, max_attempts, max_interval)'
            retry attempts not a number    | 'timeout: 250ms'          | 'timeout: 250ms\n    retry: { max_attempts: many }' | 'f.yaml: steps[2].retry.max_attempts: must be a whole number of at least 1, not ''many'''
            retry of zero attempts         | 'timeout: 250ms'          | 'timeout: 250ms\n    retry: { max_attempts: 0 }' | 'f.yaml: steps[2].retry.max_attempts: must be a whole number of at least 1, not ''0'''
            retry interval not a duration  | 'timeout: 250ms'          | 'timeout: 250ms\n    retry: { initial_interval: soon }' | 'f.yaml: steps[2].retry.initial_interval: must be a duration such as 500ms, 10s, 15m, 24h or 7d, not ''soon'''
            retry interval of zero         | 'timeout: 250ms'          | 'timeout: 250ms\n    retry: { max_age: 0s }' | 'f.yaml: steps[2].retry.max_age: must be longer than 0'
            retry intervals inverted       | 'timeout: 250ms'          | 'timeout: 250ms\n    retry: { initial_interval: 1m, max_interval: 10s }' | 'f.yaml: steps[2].retry.max_interval: must not be shorter than initial_interval'
            unknown limits key             | 'timeout: 250ms'          | 'timeout: 250ms\n    limits: { rate: 5 }' | 'f.yaml: steps[2].limits.rate: unknown key (allowed here: max_concurrency, max_rate_per_second)'
            negative concurrency limit     | 'timeout: 250ms'          | 'timeout: 250ms\n    limits: { max_concurrency: -1 }' | 'f.yaml: steps[2].limits.max_concurrency: must be a whole number of at least 1, not ''-1'''
            batch of a filter              | 'reason: Landline'        | 'batch: {}'       | 'f.yaml: steps[1].batch: does not apply to a filter step'
            batch of an enhancement        | 'entity: Phone Check'     | 'entity: Phone Check\n    batch: {}' | 'f.yaml: steps[0].batch: does not apply to an enhancement step'
            batch without bulk requests    | 'timeout: 250ms'          | 'timeout: 250ms\n    batch: { max_leads: 10 }' | 'f.yaml: steps[2].batch: integration ''test.outbound.echo'' cannot send leads in batches'
            batch of no leads              | 'integration: test.outbound.echo\n    timeout' | 'integration: test.outbound.bulk\n    batch: { max_leads: 0 }\n    timeout' | 'f.yaml: steps[2].batch.max_leads: must be a whole number of at least 1, not ''0'''
            batch too large                | 'integration: test.outbound.echo\n    timeout' | 'integration: test.outbound.bulk\n    batch: { max_leads: 1001 }\n    timeout' | 'f.yaml: steps[2].batch.max_leads: must be at most 1000, not 1001'
            batch waiting too long         | 'integration: test.outbound.echo\n    timeout' | 'integration: test.outbound.bulk\n    batch: { max_wait: 2m }\n    timeout' | 'f.yaml: steps[2].batch.max_wait: must be at most 1m'
            batch waiting not at all       | 'integration: test.outbound.echo\n    timeout' | 'integration: test.outbound.bulk\n    batch: { max_wait: 0s }\n    timeout' | 'f.yaml: steps[2].batch.max_wait: must be longer than 0'
            unknown batch key              | 'integration: test.outbound.echo\n    timeout' | 'integration: test.outbound.bulk\n    batch: { size: 5 }\n    timeout' | 'f.yaml: steps[2].batch.size: unknown key (allowed here: max_leads, max_wait)'
            id with spaces                 | 'id: solar'               | 'id: solar flow'  | 'f.yaml: id: ''solar flow'' must be letters, digits, ''-'' and ''_'' only'
            """)
    void namesFilePathAndProblem(String problem, String replaced, String replacement, String message) throws IOException {
        String yaml = VALID.replace(replaced.replace("\\n", "\n"), replacement.replace("\\n", "\n"));
        assertThat(yaml).as("test case changes the flow").isNotEqualTo(VALID);

        assertThatThrownBy(() -> loader().parse("f.yaml", yaml))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessage(message.replace("SECRETS", secrets.toString()));
    }

    @Test
    void reportsInvalidYamlWithTheFileName() {
        assertThatThrownBy(() -> loader().parse("f.yaml", "id: [unclosed"))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageStartingWith("f.yaml: is not valid YAML: ");
    }

    @Test
    void loadsEveryYamlFileOfADirectoryAndRefusesDuplicateIds(@TempDir Path flows) throws IOException {
        Files.writeString(flows.resolve("solar.yaml"), VALID);
        Files.writeString(flows.resolve("notes.txt"), "not a flow");
        Files.writeString(flows.resolve("roofing.yml"), VALID.replace("id: solar", "id: roofing"));

        assertThat(loader().loadDirectory(flows).all()).extracting(Flow::id).containsExactly("roofing", "solar");

        Files.writeString(flows.resolve("solar-copy.yaml"), VALID);
        assertThatThrownBy(() -> loader().loadDirectory(flows))
                .hasMessage(flows.resolve("solar.yaml") + ": id: flow 'solar' is also defined in "
                        + flows.resolve("solar-copy.yaml"));
    }
}
