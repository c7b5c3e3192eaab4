package io.leadflow.flow;

import io.leadflow.integration.TypedValue;
import java.time.Instant;
import java.util.Map;

/** A lead as the steps see it: who submitted it to which flow revision, and its typed fields by id. */
public record Lead(String id, String flowId, String flowRevision, String sourceId, Instant submittedAt,
                   Map<String, TypedValue> fields) {
}
