package io.leadflow.integrations.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import io.leadflow.integration.testing.JsonFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionModulesTest {

    private static final IntegrationCatalog OWN_LISTS = IntegrationCatalog.load(
            new IntegrationSettings(false, "http://lists.internal:8081/", "admin-token"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "My List,\"Bob's List, Unplugged\",2015-10-12; my_list|bobs_list_unplugged|20151012",
            "  Do   Not Call ; do_not_call",
            "a,,b; a|b"})
    void slugsListNamesLikeLeadConduit(String given, String expected) {
        assertThat(String.join("|", ListArguments.listNames(Vars.of(Map.of("list_names", given))).items()))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "{}; a list name is required",
            "{\"list_name\": \"a,\\\"b\"}; invalid list name format",
            "{\"list_name\": \"a\"}; values must not be blank",
            "{\"list_name\": \"a\", \"value\": \"x\\\"y\"}; invalid values format",
            "{\"list_name\": \"a\", \"value\": \"x\", \"url\": \"not a url\"}; URL must be valid",
            "{\"list_name\": \"a\", \"value\": \"x\", \"url\": \"http://10.0.0.1/lists\"}; URL must be public"})
    void validatesLikeLeadConduitAndGuardsGivenUrls(String vars, String message) {
        for (IntegrationModule module : modules()) {
            assertThat(module.validate(JsonFixtures.vars(vars))).as(module.id()).contains(message);
        }
    }

    @Test
    void needsAUrlWhenNoListsApiIsConfigured() {
        IntegrationCatalog none = IntegrationCatalog.load(IntegrationSettings.defaults());
        assertThat(none.find("suppression.outbound.is_unique").orElseThrow()
                .validate(JsonFixtures.vars("{\"list_name\": \"a\", \"value\": \"x\"}")))
                .contains("URL is required (no lists API is configured)");
        assertThat(OWN_LISTS.find("suppression.outbound.is_unique").orElseThrow()
                .validate(JsonFixtures.vars("{\"list_name\": \"a\", \"value\": \"x\"}"))).isEmpty();
    }

    @Test
    void queriesTheFirstValueOnEveryListOfTheOwnListsWithTheAdminToken() {
        OutboundRequest request = http("query_item").request(JsonFixtures.vars("""
                {"list_names": "Do Not Call, dupes", "values": "Ada Lovelace, Grace"}"""));
        assertThat(request).isEqualTo(new OutboundRequest("GET",
                "http://lists.internal:8081/exists/do_not_call%7Cdupes/Ada%20Lovelace",
                Map.of("Accept", "application/json", "Authorization", "Bearer admin-token"), null, false));
    }

    @Test
    void addsAndDeletesEveryValueAndSendsNoTokenToAGivenUrl() {
        OutboundRequest add = http("add_item").request(JsonFixtures.vars("""
                {"list_name": "dnc", "values": "a@example.com, 5125550100", "url": "https://lists.example.com"}"""));
        assertThat(add).isEqualTo(new OutboundRequest("POST", "https://lists.example.com/lists/dnc/items",
                Map.of("Accept", "application/json", "Content-Type", "application/json"),
                "{\"values\":[\"a@example.com\",\"5125550100\"]}", false));
        OutboundRequest delete = http("delete_item").request(JsonFixtures.vars("""
                {"list_name": "dnc", "values": ["a@example.com"]}"""));
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.url()).isEqualTo("http://lists.internal:8081/lists/dnc/items");
        assertThat(delete.body()).isEqualTo("{\"values\":[\"a@example.com\"]}");
    }

    @Test
    void readsQueryAnswersLikeLeadConduit() {
        IntegrationEvent found = http("query_item").response(JsonFixtures.vars("{}"), null, json(200, """
                {"specified_lists": ["a", "b"], "found": true, "exists_in_lists": ["b"],
                 "entries": [{"list_id": "b", "added_at": "2026-01-01T00:00:00Z"},
                             {"list_id": "b", "added_at": "2026-02-01T00:00:00Z"}]}""", "0.012"));
        assertThat(JsonFixtures.json(found.appended())).isEqualTo(JsonFixtures.JSON.readTree("""
                {"query_item": {"specified_lists": ["a", "b"], "found": true, "outcome": "success", "reason": null,
                 "duration": "0.012", "found_in": ["b"], "added_at": "2026-02-01T00:00:00Z"}}"""));
        assertThat(found.outcome()).isEqualTo(Outcome.SUCCESS);

        IntegrationEvent notFound = http("query_item").response(JsonFixtures.vars("{}"), null,
                json(404, "{\"specified_lists\": [\"a\"], \"found\": false}", null));
        assertThat(JsonFixtures.json(notFound.appended())).isEqualTo(JsonFixtures.JSON.readTree("""
                {"query_item": {"specified_lists": ["a"], "found": false, "outcome": "success", "reason": null}}"""));

        IntegrationEvent unknown = http("query_item").response(JsonFixtures.vars("{}"), null,
                json(404, "{\"error\": \"No list named a.\"}", null));
        assertThat(unknown.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(unknown.reason()).isEqualTo("No list named a");

        IntegrationEvent unpaid = http("add_item").response(JsonFixtures.vars("{}"), null, json(402, "{}", null));
        assertThat(JsonFixtures.json(unpaid.appended())).isEqualTo(JsonFixtures.JSON.readTree("""
                {"add_item": {"outcome": "failure", "reason": "Unpaid account"}}"""));
    }

    @Test
    void isUniqueChecksAndAddsInOneCallAndAppendsLikeLeadConduit() {
        List<OutboundRequest> sent = new ArrayList<>();
        IntegrationEvent unique = unique(sent, json(201, """
                {"specified_lists": ["dupes"], "found": false, "added": true}""", null));
        assertThat(sent).containsExactly(new OutboundRequest("POST", "http://lists.internal:8081/unique/dupes",
                Map.of("Accept", "application/json", "Content-Type", "application/json",
                        "Authorization", "Bearer admin-token"), "{\"value\":\"ada@example.com\"}", false));
        assertThat(unique.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(unique.reason()).isNull();
        assertThat(JsonFixtures.json(unique.appended())).isEqualTo(JsonFixtures.JSON.readTree("""
                {"query_item": {"outcome": "success", "reason": null, "found": false},
                 "add_item": {"outcome": "success", "reason": null, "accepted": 1, "rejected": 0},
                 "is_unique": {"outcome": "success", "reason": null,
                               "query_item": {"outcome": "success", "reason": null, "found": false},
                               "add_item": {"outcome": "success", "reason": null, "accepted": 1, "rejected": 0}}}"""));

        IntegrationEvent duplicate = unique(new ArrayList<>(), json(409, """
                {"specified_lists": ["dupes"], "found": true, "found_in": ["dupes"], "added_at": "2026-01-01T00:00:00Z"}""",
                null));
        assertThat(duplicate.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(duplicate.reason()).isEqualTo("Duplicate");
        assertThat(JsonFixtures.json(duplicate.appended())).isEqualTo(JsonFixtures.JSON.readTree("""
                {"query_item": {"outcome": "success", "reason": null, "found": true, "found_in": ["dupes"],
                                "added_at": "2026-01-01T00:00:00Z"},
                 "is_unique": {"outcome": "failure", "reason": "Duplicate",
                               "query_item": {"outcome": "success", "reason": null, "found": true,
                                              "found_in": ["dupes"], "added_at": "2026-01-01T00:00:00Z"}}}"""));

        IntegrationEvent refused = unique(new ArrayList<>(), json(401, "{}", null));
        assertThat(refused.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(JsonFixtures.json(refused.appended())).isEqualTo(JsonFixtures.JSON.readTree("""
                {"query_item": {"outcome": "error", "reason": "Authentication failed"},
                 "is_unique": {"outcome": "error", "reason": "Authentication failed",
                               "query_item": {"outcome": "error", "reason": "Authentication failed"}}}"""));

        IntegrationEvent html = unique(new ArrayList<>(), new OutboundResponse(502,
                Map.of("Content-Type", List.of("text/html")), "<html>Bad gateway</html>"));
        assertThat(html.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(html.reason()).isEqualTo("Unsupported response");
    }

    @Test
    void allFourModulesAreInTheCatalogWithTheirVariables() {
        assertThat(modules()).extracting(IntegrationModule::id).containsExactly(
                "suppression.outbound.query_item", "suppression.outbound.add_item",
                "suppression.outbound.delete_item", "suppression.outbound.is_unique");
        assertThat(OWN_LISTS.find("suppression.outbound.is_unique").orElseThrow()).isInstanceOf(HandleOutbound.class);
        modules().forEach(module -> assertThat(module.requestVariables()).as(module.id())
                .extracting(VariableSpec::name)
                .containsExactly("list_names", "list_name", "list_ids", "list_id", "values", "value", "url"));
    }

    private static IntegrationEvent unique(List<OutboundRequest> sent, OutboundResponse answer) {
        HandleOutbound module = (HandleOutbound) OWN_LISTS.find("suppression.outbound.is_unique").orElseThrow();
        return module.handle(JsonFixtures.vars("""
                {"list_name": "Dupes", "value": {"$type": "email", "raw": "Ada@Example.com"}}"""), request -> {
            sent.add(request);
            return CompletableFuture.completedFuture(answer);
        }).join();
    }

    private static HttpOutbound http(String module) {
        return (HttpOutbound) OWN_LISTS.find("suppression.outbound." + module).orElseThrow();
    }

    private static List<IntegrationModule> modules() {
        return new SuppressionPackage().modules(new IntegrationSettings(false, "http://lists.internal:8081/",
                "admin-token"));
    }

    private static OutboundResponse json(int status, String body, String runtime) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        Optional.ofNullable(runtime).ifPresent(value -> headers.put("X-Runtime", List.of(value)));
        return new OutboundResponse(status, headers, body);
    }
}
