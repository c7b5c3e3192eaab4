package io.leadflow.integrations.suppression;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code suppression.outbound.add_item} ({@code POST}) and {@code .delete_item} ({@code DELETE}): every value onto or
 * off every list, {@code <base>/lists/<lists>/items} with {@code {"values": […]}}; appends {@code add_item.accepted,
 * rejected} or {@code delete_item.deleted, rejected}.
 */
final class ItemsChange implements HttpOutbound {

    private final ListsApi api;
    private final String name;
    private final String method;
    private final String countName;

    private ItemsChange(ListsApi api, String name, String method, String countName) {
        this.api = api;
        this.name = name;
        this.method = method;
        this.countName = countName;
    }

    static ItemsChange add(ListsApi api) {
        return new ItemsChange(api, "add_item", "POST", "accepted");
    }

    static ItemsChange delete(ListsApi api) {
        return new ItemsChange(api, "delete_item", "DELETE", "deleted");
    }

    @Override
    public String id() {
        return "suppression.outbound." + name;
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return ListsApi.requestVariables();
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional(name + "." + countName, "number", "How many values were " + countName),
                VariableSpec.optional(name + ".rejected", "number", "How many values were refused (blank)"),
                VariableSpec.optional(name + ".outcome", "string", "success, or error"),
                VariableSpec.optional(name + ".reason", "string", "Why not success"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return ListArguments.validate(vars).or(() -> api.validate(vars));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        List<String> lists = ListArguments.listNames(vars).items();
        List<String> values = ListArguments.values(vars).items();
        return api.send(vars, method, "/lists/" + ListsApi.lists(lists) + "/items", Map.of("values", values));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return ListAnswers.event(name, ListAnswers.read(response));
    }
}
