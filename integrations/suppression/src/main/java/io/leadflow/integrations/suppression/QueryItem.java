package io.leadflow.integrations.suppression;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Optional;

/** {@code suppression.outbound.query_item}: is the (first) value on any of the lists? Appends {@code query_item.*}. */
final class QueryItem implements HttpOutbound {

    private final ListsApi api;

    QueryItem(ListsApi api) {
        this.api = api;
    }

    @Override
    public String id() {
        return "suppression.outbound.query_item";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return ListsApi.requestVariables();
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("query_item.found", "boolean", "Whether the value is on any of the lists"),
                VariableSpec.optional("query_item.found_in", "array", "The lists it is on"),
                VariableSpec.optional("query_item.added_at", "string", "When it was last added (ISO-8601)"),
                VariableSpec.optional("query_item.specified_lists", "array", "The lists asked about"),
                VariableSpec.optional("query_item.outcome", "string", "success, or error (failure: unpaid account)"),
                VariableSpec.optional("query_item.reason", "string", "Why not success"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return ListArguments.validate(vars).or(() -> api.validate(vars));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        List<String> lists = ListArguments.listNames(vars).items();
        String value = ListArguments.values(vars).items().get(0);
        return api.get(vars, "/exists/" + ListsApi.lists(lists) + "/" + ListsApi.segment(value));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return ListAnswers.event("query_item", ListAnswers.readQuery(response));
    }
}
