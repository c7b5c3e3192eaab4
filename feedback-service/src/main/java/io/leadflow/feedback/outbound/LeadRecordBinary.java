package io.leadflow.feedback.outbound;

import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.FeedbackType;
import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.feedback.domain.Outcome;
import io.leadflow.feedback.domain.StepType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The state store's value format: a format byte, then the lead record in binary primitives, smaller than its JSON and
 * several times cheaper to write and read. A value starting with <code>{</code> was stored as JSON by an earlier
 * version and is read by {@link LeadRecordJson}, so its store and changelog stay readable.
 */
public final class LeadRecordBinary {

    /**
     * Version 1 of the layout below; a change of layout takes a new byte and keeps reading the old ones.
     * Integers are variable-length (signed ones zigzag-encoded), strings UTF-8 after their byte count, instants
     * epoch seconds and nanos, enums their name, doubles their 8 IEEE bytes; every nullable field has a presence
     * byte (0 absent, 1 present) before it; a collection is its size, then its items; {@code Object} values (a
     * field's normal form and components, a step's appended data) carry one of the tags below.
     */
    static final byte FORMAT_1 = 1;
    private static final byte JSON_START = '{';

    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int INTEGER = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int STRING = 6;
    private static final int LIST = 7;
    private static final int MAP = 8;

    private final LeadRecordJson json;

    /** {@code json}: reads the values an earlier version stored as JSON. */
    public LeadRecordBinary(LeadRecordJson json) {
        this.json = json;
    }

    public byte[] write(LeadRecord record) {
        Output out = new Output();
        out.writeByte(FORMAT_1);
        if (out.present(record.lead())) {
            writeLead(out, record.lead());
        }
        out.writeSize(record.steps().size());
        record.steps().forEach(step -> writeStep(out, step));
        out.writeSize(record.deliveries().size());
        record.deliveries().forEach(delivery -> writeDelivery(out, delivery));
        if (out.present(record.completion())) {
            writeCompletion(out, record.completion());
        }
        out.writeSize(record.feedback().size());
        record.feedback().forEach(entry -> writeFeedback(out, entry));
        return out.toByteArray();
    }

    /** The record in a stored value, binary or JSON; a value that is neither fails with a SerializationException. */
    public LeadRecord read(byte[] value) {
        if (value.length == 0) {
            throw new SerializationException("A stored lead record could not be read: the value is empty");
        }
        if (value[0] == JSON_START) {
            return json.read(value);
        }
        if (value[0] != FORMAT_1) {
            throw new SerializationException("A stored lead record could not be read: unknown format byte "
                    + (value[0] & 0xff));
        }
        Input in = new Input(value, 1);
        LeadRecord.Lead lead = in.present() ? readLead(in) : null;
        int stepCount = in.readSize();
        List<LeadRecord.Step> steps = new ArrayList<>(stepCount);
        for (int i = 0; i < stepCount; i++) {
            steps.add(readStep(in));
        }
        int deliveryCount = in.readSize();
        List<LeadRecord.Delivery> deliveries = new ArrayList<>(deliveryCount);
        for (int i = 0; i < deliveryCount; i++) {
            deliveries.add(readDelivery(in));
        }
        LeadRecord.Completion completion = in.present() ? readCompletion(in) : null;
        int feedbackCount = in.readSize();
        List<LeadRecord.FeedbackEntry> feedback = new ArrayList<>(feedbackCount);
        for (int i = 0; i < feedbackCount; i++) {
            feedback.add(readFeedback(in));
        }
        in.expectEnd();
        return new LeadRecord(lead, steps, deliveries, completion, feedback);
    }

    /** The state store's serde; null stays null (a deleted record). */
    public Serde<LeadRecord> serde() {
        return Serdes.serdeFrom((topic, record) -> record == null ? null : write(record),
                (topic, value) -> value == null ? null : read(value));
    }

    private static void writeLead(Output out, LeadRecord.Lead lead) {
        out.writeOptionalString(lead.id());
        out.writeOptionalString(lead.flow());
        out.writeOptionalString(lead.flowRevision());
        out.writeOptionalString(lead.source());
        out.writeOptionalInstant(lead.submittedAt());
        if (out.present(lead.fields())) {
            out.writeSize(lead.fields().size());
            lead.fields().forEach((id, field) -> {
                out.writeString(id);
                if (out.present(field)) {
                    writeField(out, field);
                }
            });
        }
    }

    private static LeadRecord.Lead readLead(Input in) {
        String id = in.readOptionalString();
        String flow = in.readOptionalString();
        String flowRevision = in.readOptionalString();
        String source = in.readOptionalString();
        Instant submittedAt = in.readOptionalInstant();
        Map<String, LeadRecord.Field> fields = null;
        if (in.present()) {
            int count = in.readSize();
            fields = new LinkedHashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                String fieldId = in.readString();
                fields.put(fieldId, in.present() ? readField(in) : null);
            }
        }
        return new LeadRecord.Lead(id, flow, flowRevision, source, submittedAt, fields);
    }

    private static void writeField(Output out, LeadRecord.Field field) {
        out.writeOptionalString(field.type());
        out.writeOptionalString(field.raw());
        writeValue(out, field.normal());
        out.writeBoolean(field.valid());
        writeValue(out, field.components());
    }

    private static LeadRecord.Field readField(Input in) {
        return new LeadRecord.Field(in.readOptionalString(), in.readOptionalString(), readValue(in),
                in.readBoolean(), readMapValue(in));
    }

    private static void writeStep(Output out, LeadRecord.Step step) {
        out.writeOptionalString(step.step());
        out.writeOptionalEnum(step.type());
        out.writeOptionalString(step.entity());
        out.writeOptionalString(step.integration());
        out.writeOptionalEnum(step.outcome());
        out.writeOptionalString(step.reason());
        out.writeOptionalDouble(step.price());
        out.writeOptionalString(step.reference());
        writeValue(out, step.appended());
        out.writeOptionalInstant(step.startedAt());
        out.writeLong(step.durationMs());
    }

    private static LeadRecord.Step readStep(Input in) {
        return new LeadRecord.Step(in.readOptionalString(), in.readOptionalEnum(StepType.class),
                in.readOptionalString(), in.readOptionalString(), in.readOptionalEnum(Outcome.class),
                in.readOptionalString(), in.readOptionalDouble(), in.readOptionalString(), readMapValue(in),
                in.readOptionalInstant(), in.readLong());
    }

    private static void writeDelivery(Output out, LeadRecord.Delivery delivery) {
        out.writeOptionalString(delivery.step());
        out.writeOptionalString(delivery.entity());
        out.writeInt(delivery.attempt());
        out.writeOptionalEnum(delivery.outcome());
        out.writeOptionalString(delivery.reason());
        out.writeOptionalDouble(delivery.price());
        out.writeOptionalString(delivery.reference());
        if (out.present(delivery.httpStatus())) {
            out.writeInt(delivery.httpStatus());
        }
        out.writeOptionalInstant(delivery.at());
        out.writeOptionalString(delivery.idempotencyKey());
    }

    private static LeadRecord.Delivery readDelivery(Input in) {
        return new LeadRecord.Delivery(in.readOptionalString(), in.readOptionalString(), in.readInt(),
                in.readOptionalEnum(Outcome.class), in.readOptionalString(), in.readOptionalDouble(),
                in.readOptionalString(), in.present() ? in.readInt() : null, in.readOptionalInstant(),
                in.readOptionalString());
    }

    private static void writeCompletion(Output out, LeadRecord.Completion completion) {
        out.writeOptionalEnum(completion.outcome());
        out.writeOptionalString(completion.reason());
        out.writeDouble(completion.price());
        out.writeOptionalInstant(completion.at());
    }

    private static LeadRecord.Completion readCompletion(Input in) {
        return new LeadRecord.Completion(in.readOptionalEnum(Outcome.class), in.readOptionalString(),
                in.readDouble(), in.readOptionalInstant());
    }

    private static void writeFeedback(Output out, LeadRecord.FeedbackEntry entry) {
        out.writeOptionalString(entry.id());
        out.writeOptionalEnum(entry.type());
        out.writeOptionalString(entry.reason());
        out.writeOptionalEnum(entry.result());
        out.writeOptionalString(entry.entity());
        out.writeOptionalInstant(entry.at());
    }

    private static LeadRecord.FeedbackEntry readFeedback(Input in) {
        return new LeadRecord.FeedbackEntry(in.readOptionalString(), in.readOptionalEnum(FeedbackType.class),
                in.readOptionalString(), in.readOptionalEnum(FeedbackResult.class), in.readOptionalString(),
                in.readOptionalInstant());
    }

    /** A value of lead data with its type tag; Java types outside the tags fail rather than change type. */
    private static void writeValue(Output out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean flag) {
            out.writeByte(flag ? TRUE : FALSE);
        } else if (value instanceof Integer number) {
            out.writeByte(INTEGER);
            out.writeInt(number);
        } else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        } else if (value instanceof Double number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number);
        } else if (value instanceof String text) {
            out.writeByte(STRING);
            out.writeString(text);
        } else if (value instanceof List<?> items) {
            out.writeByte(LIST);
            out.writeSize(items.size());
            items.forEach(item -> writeValue(out, item));
        } else if (value instanceof Map<?, ?> entries) {
            out.writeByte(MAP);
            out.writeSize(entries.size());
            entries.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new SerializationException("A lead record could not be stored: a map key of type "
                            + (key == null ? "null" : key.getClass().getName()) + " is not a string");
                }
                out.writeString(name);
                writeValue(out, item);
            });
        } else {
            throw new SerializationException("A lead record could not be stored: a value of type "
                    + value.getClass().getName() + " has no binary form");
        }
    }

    private static Object readValue(Input in) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INTEGER -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> in.readString();
            case LIST -> {
                int count = in.readSize();
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(readValue(in));
                }
                yield items;
            }
            case MAP -> readMapEntries(in);
            default -> throw new SerializationException("A stored lead record could not be read: unknown value tag "
                    + tag);
        };
    }

    /** A value that must be a map or null: components and appended data. */
    private static Map<String, Object> readMapValue(Input in) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case MAP -> readMapEntries(in);
            default -> throw new SerializationException("A stored lead record could not be read: value tag " + tag
                    + " where a map was expected");
        };
    }

    private static Map<String, Object> readMapEntries(Input in) {
        int count = in.readSize();
        Map<String, Object> entries = new LinkedHashMap<>(capacity(count));
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            entries.put(key, readValue(in));
        }
        return entries;
    }

    private static int capacity(int size) {
        return (int) Math.ceil(size / 0.75);
    }

    /** A growing byte buffer with the primitives of the layout. */
    private static final class Output {

        private byte[] bytes = new byte[512];
        private int size;

        boolean present(Object value) {
            writeByte(value == null ? 0 : 1);
            return value != null;
        }

        void writeByte(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void writeBoolean(boolean value) {
            writeByte(value ? 1 : 0);
        }

        void writeSize(int value) {
            writeUnsigned(value & 0xffffffffL);
        }

        void writeInt(int value) {
            writeUnsigned(((value << 1) ^ (value >> 31)) & 0xffffffffL);
        }

        void writeLong(long value) {
            writeUnsigned((value << 1) ^ (value >> 63));
        }

        void writeDouble(double value) {
            ensure(8);
            long bits = Double.doubleToRawLongBits(value);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (bits >>> shift);
            }
        }

        void writeString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeSize(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void writeOptionalString(String value) {
            if (present(value)) {
                writeString(value);
            }
        }

        void writeOptionalEnum(Enum<?> value) {
            if (present(value)) {
                writeString(value.name());
            }
        }

        void writeOptionalDouble(Double value) {
            if (present(value)) {
                writeDouble(value);
            }
        }

        void writeOptionalInstant(Instant value) {
            if (present(value)) {
                writeLong(value.getEpochSecond());
                writeInt(value.getNano());
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        /** Seven bits a byte, least significant first, the high bit set on every byte but the last. */
        private void writeUnsigned(long value) {
            ensure(10);
            while ((value & ~0x7fL) != 0) {
                bytes[size++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads the primitives of the layout; running out of bytes or a malformed number is a SerializationException. */
    private static final class Input {

        private final byte[] bytes;
        private int position;

        Input(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        boolean present() {
            int flag = readByte();
            if (flag > 1) {
                throw malformed("presence byte " + flag);
            }
            return flag == 1;
        }

        int readByte() {
            require(1);
            return bytes[position++] & 0xff;
        }

        boolean readBoolean() {
            return present();
        }

        /** A collection size or byte count, never more than the bytes left (each item takes at least one). */
        int readSize() {
            long value = readUnsigned();
            if (value > bytes.length - position) {
                throw malformed("a size of " + value + " with " + (bytes.length - position) + " bytes left");
            }
            return (int) value;
        }

        int readInt() {
            long zigzag = readUnsigned();
            if (zigzag > 0xffffffffL) {
                throw malformed("an int out of range");
            }
            int value = (int) zigzag;
            return (value >>> 1) ^ -(value & 1);
        }

        long readLong() {
            long zigzag = readUnsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        double readDouble() {
            require(8);
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (bytes[position++] & 0xff);
            }
            return Double.longBitsToDouble(bits);
        }

        String readString() {
            int length = readSize();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        String readOptionalString() {
            return present() ? readString() : null;
        }

        <E extends Enum<E>> E readOptionalEnum(Class<E> type) {
            if (!present()) {
                return null;
            }
            String name = readString();
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                throw malformed("no " + type.getSimpleName() + " named " + name);
            }
        }

        Double readOptionalDouble() {
            return present() ? readDouble() : null;
        }

        Instant readOptionalInstant() {
            if (!present()) {
                return null;
            }
            long seconds = readLong();
            int nanos = readInt();
            try {
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (RuntimeException e) {
                throw malformed("an instant out of range");
            }
        }

        void expectEnd() {
            if (position != bytes.length) {
                throw malformed((bytes.length - position) + " bytes after the record");
            }
        }

        private long readUnsigned() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int next = readByte();
                value |= (long) (next & 0x7f) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw malformed("a number longer than 10 bytes");
        }

        private void require(int count) {
            if (bytes.length - position < count) {
                throw new SerializationException("A stored lead record could not be read: it ends after "
                        + bytes.length + " bytes, in the middle of the record");
            }
        }

        private static SerializationException malformed(String problem) {
            return new SerializationException("A stored lead record could not be read: " + problem);
        }
    }
}
