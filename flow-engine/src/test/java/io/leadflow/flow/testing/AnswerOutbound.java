package io.leadflow.flow.testing;

import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.Vars;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test integration, {@code test.outbound.answer}, that sends the fields by name: a 5xx answer is error "Server
 * error", a body starting with "rejected" is failure with the body as reason, any other body is success. It takes
 * batches ({@link SeparatedBatches}).
 */
public final class AnswerOutbound extends TextLinesOutbound implements SeparatedBatches {

    /** The {@code test} package with this integration alone. */
    public static IntegrationCatalog catalog() {
        return catalogOf(new AnswerOutbound());
    }

    @Override
    public String id() {
        return "test.outbound.answer";
    }

    @Override
    protected Map<String, Object> sentFields(Vars vars) {
        return new TreeMap<>(vars.group("field"));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        if (response.status() >= 500) {
            return IntegrationEvent.of(Outcome.ERROR, "Server error");
        }
        if (response.body().startsWith("rejected")) {
            return IntegrationEvent.of(Outcome.FAILURE, response.body());
        }
        return new IntegrationEvent(Outcome.SUCCESS, null, null, null, Map.of("answer", response.body()));
    }
}
