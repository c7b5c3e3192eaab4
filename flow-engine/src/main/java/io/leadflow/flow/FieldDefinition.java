package io.leadflow.flow;

/** A lead field of a flow and its type; {@code required} is shorthand for an acceptance rule "is not blank". */
public record FieldDefinition(String id, String type, boolean required) {
}
