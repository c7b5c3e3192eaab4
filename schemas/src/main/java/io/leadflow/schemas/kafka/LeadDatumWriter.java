package io.leadflow.schemas.kafka;

import io.leadflow.schemas.common.DynamicValue;
import io.leadflow.schemas.common.FieldValue;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's writer for generated records, with lead fields ({@link FieldValue}) and dynamic values ({@link DynamicValue})
 * written by hand: the same bytes, without resolving the seven-branch union of every value by its type's name (half
 * the cost of encoding a typed lead). Used only where the record's schema holds these types exactly as compiled.
 */
final class LeadDatumWriter<T> extends SpecificDatumWriter<T> {

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;
    private static final int ARRAY = 5;
    private static final int MAP = 6;

    private final Schema dynamicValueSchema;
    private final Schema fieldValueSchema;

    LeadDatumWriter(Schema schema) {
        super(schema, SpecificData.getForSchema(schema));
        this.dynamicValueSchema = find(schema, DynamicValue.getClassSchema());
        this.fieldValueSchema = find(schema, FieldValue.getClassSchema());
    }

    /** Whether this writer's schema holds dynamic values exactly as compiled, so they are written by hand. */
    boolean writesDynamicValuesByHand() {
        return dynamicValueSchema != null;
    }

    /** Whether this writer's schema holds lead fields exactly as compiled, so they are written by hand. */
    boolean writesFieldValuesByHand() {
        return fieldValueSchema != null;
    }

    @Override
    protected void writeWithoutConversion(Schema schema, Object datum, Encoder out) throws IOException {
        if (schema == dynamicValueSchema && datum instanceof DynamicValue value) {
            writeDynamicValue(schema, value, out);
        } else if (schema == fieldValueSchema && datum instanceof FieldValue field) {
            writeFieldValue(field, out);
        } else {
            super.writeWithoutConversion(schema, datum, out);
        }
    }

    private void writeFieldValue(FieldValue field, Encoder out) throws IOException {
        out.writeString(field.getType());
        writeNullableString(field.getRaw(), out);
        writeWithoutConversion(dynamicValueSchema, field.getNormal(), out);
        out.writeBoolean(field.getValid());
        writeDynamicMap(field.getComponents(), out);
        writeNullableString(field.getSealed(), out);
    }

    private void writeDynamicValue(Schema schema, DynamicValue value, Encoder out) throws IOException {
        Object payload = value.getValue();
        if (payload == null) {
            out.writeIndex(NULL);
            out.writeNull();
        } else if (payload instanceof Boolean bool) {
            out.writeIndex(BOOLEAN);
            out.writeBoolean(bool);
        } else if (payload instanceof Long number) {
            out.writeIndex(LONG);
            out.writeLong(number);
        } else if (payload instanceof Double number) {
            out.writeIndex(DOUBLE);
            out.writeDouble(number);
        } else if (payload instanceof CharSequence text) {
            out.writeIndex(STRING);
            out.writeString(text);
        } else if (payload instanceof List<?> items) {
            out.writeIndex(ARRAY);
            out.writeArrayStart();
            out.setItemCount(items.size());
            for (Object item : items) {
                out.startItem();
                writeWithoutConversion(dynamicValueSchema, item, out);
            }
            out.writeArrayEnd();
        } else if (payload instanceof Map<?, ?> entries) {
            out.writeIndex(MAP);
            writeDynamicMap(entries, out);
        } else {
            // Not a type of the union: Avro's own writer names the problem.
            super.writeWithoutConversion(schema, value, out);
        }
    }

    private void writeDynamicMap(Map<?, ?> entries, Encoder out) throws IOException {
        out.writeMapStart();
        out.setItemCount(entries.size());
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            out.startItem();
            out.writeString((CharSequence) entry.getKey());
            writeWithoutConversion(dynamicValueSchema, entry.getValue(), out);
        }
        out.writeMapEnd();
    }

    private static void writeNullableString(String text, Encoder out) throws IOException {
        if (text == null) {
            out.writeIndex(0);
            out.writeNull();
        } else {
            out.writeIndex(1);
            out.writeString(text);
        }
    }

    /**
     * The schema inside {@code root} that is {@code compiled}'s type, when it is exactly that type; else null, and
     * Avro's own writer handles it.
     */
    private static Schema find(Schema root, Schema compiled) {
        Schema found = named(root, compiled.getFullName(), new HashSet<>());
        return found != null && found.equals(compiled) ? found : null;
    }

    private static Schema named(Schema schema, String fullName, Set<String> visited) {
        switch (schema.getType()) {
            case RECORD -> {
                if (schema.getFullName().equals(fullName)) {
                    return schema;
                }
                if (!visited.add(schema.getFullName())) {
                    return null;
                }
                for (Schema.Field field : schema.getFields()) {
                    Schema found = named(field.schema(), fullName, visited);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    Schema found = named(branch, fullName, visited);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            case ARRAY -> {
                return named(schema.getElementType(), fullName, visited);
            }
            case MAP -> {
                return named(schema.getValueType(), fullName, visited);
            }
            default -> {
                return null;
            }
        }
    }
}
