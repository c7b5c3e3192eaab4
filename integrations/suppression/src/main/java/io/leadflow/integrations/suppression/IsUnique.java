package io.leadflow.integrations.suppression;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code suppression.outbound.is_unique}: the first value is unique on the first list when it was not on it; it
 * is then added. One atomic call, {@code POST <base>/unique/<list>}, decided by the lists processor, where
 * LeadConduit queries and then adds. Appends {@code query_item.*}, {@code add_item.*} and {@code is_unique.*}.
 */
final class IsUnique implements HandleOutbound {

    static final String DUPLICATE = "Duplicate";

    private final ListsApi api;

    IsUnique(ListsApi api) {
        this.api = api;
    }

    @Override
    public String id() {
        return "suppression.outbound.is_unique";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return ListsApi.requestVariables();
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("is_unique.outcome", "string", "success (it was not on the list and was added), failure (Duplicate) or error"),
                VariableSpec.optional("is_unique.reason", "string", "Duplicate, or what went wrong"),
                VariableSpec.optional("query_item.found", "boolean", "Whether it was on the list"),
                VariableSpec.optional("query_item.added_at", "string", "When it was added, when found"),
                VariableSpec.optional("add_item.accepted", "number", "1 when it was added"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return ListArguments.validate(vars).or(() -> api.validate(vars));
    }

    @Override
    public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
        String list = ListArguments.listNames(vars).items().get(0);
        String value = ListArguments.values(vars).items().get(0);
        return transport.send(api.send(vars, "POST", "/unique/" + ListsApi.segment(list), Map.of("value", value)))
                .thenApply(IsUnique::event);
    }

    static IntegrationEvent event(OutboundResponse response) {
        Map<String, Object> answer = ListAnswers.read(response);
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Object> unique;
        if (!Outcome.SUCCESS.wireName().equals(answer.get("outcome"))) {
            merged.put("query_item", answer);
            unique = ListAnswers.outcome(Outcome.fromWireName(String.valueOf(answer.get("outcome"))),
                    (String) answer.get("reason"));
        } else if (Boolean.TRUE.equals(answer.get("found"))) {
            Map<String, Object> query = ListAnswers.outcome(Outcome.SUCCESS, null);
            query.put("found", true);
            query.put("found_in", answer.get("found_in"));
            query.put("added_at", answer.get("added_at"));
            merged.put("query_item", query);
            unique = ListAnswers.outcome(Outcome.FAILURE, DUPLICATE);
        } else {
            Map<String, Object> query = ListAnswers.outcome(Outcome.SUCCESS, null);
            query.put("found", false);
            merged.put("query_item", query);
            Map<String, Object> add = ListAnswers.outcome(Outcome.SUCCESS, null);
            add.put("accepted", 1);
            add.put("rejected", 0);
            merged.put("add_item", add);
            unique = ListAnswers.outcome(Outcome.SUCCESS, null);
        }
        unique.putAll(merged);
        Map<String, Object> appended = new LinkedHashMap<>(merged);
        appended.put("is_unique", unique);
        Outcome outcome = Outcome.fromWireName((String) unique.get("outcome"));
        return new IntegrationEvent(outcome, (String) unique.get("reason"), null, null, appended);
    }
}
