package io.leadflow.flow;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The flows this process loaded, by id. */
public final class FlowCatalog {

    private final Map<String, Flow> flows;

    public FlowCatalog(Collection<Flow> flows) {
        Map<String, Flow> byId = new LinkedHashMap<>();
        flows.forEach(flow -> byId.put(flow.id(), flow));
        this.flows = Collections.unmodifiableMap(byId);
    }

    public Optional<Flow> find(String flowId) {
        return Optional.ofNullable(flows.get(flowId));
    }

    /** The flow only when this process has exactly that revision of it. */
    public Optional<Flow> find(String flowId, String revision) {
        return find(flowId).filter(flow -> flow.revision().equals(revision));
    }

    public Collection<Flow> all() {
        return flows.values();
    }
}
