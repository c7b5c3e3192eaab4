package io.leadflow.flow.testing;

import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test integration, {@code test.outbound.echo}: the answer's body decides: "accepted" is success (score 7.5, reference
 * ref-1), anything else failure with the body as reason; 5xx is error. It also appends {@code echo.<name>} of every
 * sent field.
 */
public final class EchoOutbound extends TextLinesOutbound {

    /** The {@code test} package with this integration alone. */
    public static IntegrationCatalog catalog() {
        return catalogOf(new EchoOutbound());
    }

    @Override
    public String id() {
        return "test.outbound.echo";
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        if (response.status() >= 500) {
            return IntegrationEvent.of(Outcome.ERROR, "Server error");
        }
        Map<String, Object> appended = new LinkedHashMap<>();
        appended.put("answer", response.body());
        Map<String, Object> echo = new LinkedHashMap<>();
        sentFields(vars).forEach((name, value) -> echo.put(name, sent(value)));
        appended.put("echo", echo);
        boolean accepted = response.body().equals("accepted");
        return new IntegrationEvent(accepted ? Outcome.SUCCESS : Outcome.FAILURE, accepted ? null : response.body(),
                accepted ? "7.5" : null, accepted ? "ref-1" : null, appended);
    }
}
