package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;

/**
 * A field type (phone, email, number, ...): parses what a source sent into a {@link TypedValue} with its normal
 * form, validity and components, as LeadConduit's types do. Implementations are stateless and thread-safe.
 */
public interface FieldType {

    /** The type's name in flows: {@code phone}. */
    String name();

    /**
     * Parses one submitted value: usually a String, but JSON bodies also give numbers and booleans, and anything
     * else is read as its string form and is usually invalid. Never null for non-null input; never throws.
     */
    TypedValue parse(Object input);
}
