package io.leadflow.feedback.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.FeedbackType;
import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.feedback.domain.Outcome;
import io.leadflow.feedback.domain.StepType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Round trips compare whole records with {@code equals}, which also compares the Java type of every lead-data value
 * ({@code Integer 7} is not {@code Long 7}, an empty map is not an empty list).
 */
class LeadRecordBinaryTest {

    private static final Instant SUBMITTED = Instant.parse("2025-03-01T10:00:00.123456789Z");

    private final LeadRecordJson json = new LeadRecordJson();
    private final LeadRecordBinary binary = new LeadRecordBinary(json);

    /** Every field set; lead data of every tag, nested, with Unicode and extreme numbers. */
    private static final LeadRecord FULL = new LeadRecord(
            new LeadRecord.Lead("lead-1", "open", "rev-1", "web", SUBMITTED, map(
                    "email", new LeadRecord.Field("email", "Ada@Example.com", "ada@example.com", true,
                            map("domain", "example.com", "free", false)),
                    "name", new LeadRecord.Field("name", "Zoë 李 🚀", map("first", "Zoë", "last", "李 🚀"), true,
                            map("parts", List.of("Zoë", "李 🚀"), "nested", map("deeper", map("list", List.of(
                                    List.of(), map(), Arrays.asList(null, true)))))),
                    "age", new LeadRecord.Field("number", "42", 42L, true,
                            map("int", 7, "negative", -7, "minInt", Integer.MIN_VALUE, "maxLong", Long.MAX_VALUE,
                                    "minLong", Long.MIN_VALUE, "double", -0.5, "nan", Double.NaN,
                                    "infinity", Double.POSITIVE_INFINITY, "none", null)),
                    "blank", new LeadRecord.Field("text", "", "", false, map()))),
            List.of(new LeadRecord.Step("phone-check", StepType.ENHANCEMENT, "Phone Check", "phone.outbound.check",
                            Outcome.SUCCESS, null, null, null, map("carrier", "Ω Mobile", "score", 0.93),
                            SUBMITTED.plusMillis(5), 40),
                    new LeadRecord.Step("buyer-abc", StepType.RECIPIENT, "Buyer ABC", "custom.outbound.json",
                            Outcome.FAILURE, "Déjà vu — rejected", 12.5, "abc-77", map("ids", List.of(1, 2L, "3")),
                            SUBMITTED.plusSeconds(2), -1)),
            List.of(new LeadRecord.Delivery("buyer-abc", "Buyer ABC", 1, Outcome.ERROR, "Timed out after 10 s",
                            null, null, null, SUBMITTED.plusSeconds(2), "lead-1:buyer-abc"),
                    new LeadRecord.Delivery("buyer-abc", "Buyer ABC", 2, Outcome.FAILURE, "Déjà vu — rejected",
                            12.5, "abc-77", 422, SUBMITTED.plusSeconds(3), "lead-1:buyer-abc")),
            new LeadRecord.Completion(Outcome.SUCCESS, "All done ✓", 0.0, SUBMITTED.plusSeconds(4)),
            List.of(new LeadRecord.FeedbackEntry("f1", FeedbackType.RETURN, "Wrong number", FeedbackResult.MATCHED,
                            "Buyer ABC", Instant.parse("1969-12-31T23:59:59.999999999Z")),
                    new LeadRecord.FeedbackEntry("f2", FeedbackType.CONVERSION, null,
                            FeedbackResult.DUPLICATE_RETURN, null, Instant.EPOCH)));

    /** Null in every field that may be null. */
    private static final LeadRecord NULLS = new LeadRecord(
            new LeadRecord.Lead(null, null, null, null, null, map("empty", null, "field",
                    new LeadRecord.Field(null, null, null, false, null))),
            List.of(new LeadRecord.Step(null, null, null, null, null, null, null, null, null, null, 0)),
            List.of(new LeadRecord.Delivery(null, null, 0, null, null, null, null, null, null, null)),
            new LeadRecord.Completion(null, null, 0, null),
            List.of(new LeadRecord.FeedbackEntry(null, null, null, null, null, null)));

    @Test
    void readsBackEveryRecordItWrote() {
        List<LeadRecord> records = List.of(
                FULL,
                NULLS,
                LeadRecord.empty(),
                new LeadRecord(new LeadRecord.Lead("lead-2", "open", "rev-1", "web", SUBMITTED, null), List.of(),
                        List.of(), null, List.of()),
                new LeadRecord(new LeadRecord.Lead("lead-3", "open", "rev-1", "web", SUBMITTED, map()),
                        List.of(new LeadRecord.Step("s", StepType.OTHER, "", "", Outcome.SKIP, "", 0.0, "", map(),
                                SUBMITTED, Long.MAX_VALUE)),
                        List.of(), null, List.of()));

        for (LeadRecord record : records) {
            byte[] stored = binary.write(record);

            assertThat(stored[0]).isEqualTo(LeadRecordBinary.FORMAT_1);
            assertThat(binary.read(stored)).as("%s", record).isEqualTo(record);
        }
    }

    @Test
    void isSmallerThanTheJsonOfTheSameRecord() {
        assertThat(binary.write(FULL).length).isLessThan(json.writeAsString(FULL).getBytes(StandardCharsets.UTF_8).length / 2);
    }

    @Test
    void readsARecordAnEarlierVersionStoredAsJson() {
        String stored = """
                {"lead":{"id":"lead-1","flow":"open","flowRevision":"rev-1","source":"web",\
                "submittedAt":"2025-03-01T10:00:00Z","fields":{"email":{"type":"email","raw":"Ada@Example.com",\
                "normal":"ada@example.com","valid":true,"components":{"domain":"example.com","score":7,\
                "tags":["a",1.5,null],"big":12345678901}}}},\
                "steps":[{"step":"buyer-abc","type":"recipient","entity":"Buyer ABC",\
                "integration":"custom.outbound.json","outcome":"success","reason":null,"price":12.5,\
                "reference":"abc-77","appended":{},"startedAt":"2025-03-01T10:00:02Z","durationMs":120}],\
                "deliveries":[{"step":"buyer-abc","entity":"Buyer ABC","attempt":1,"outcome":"success",\
                "reason":null,"price":12.5,"reference":"abc-77","httpStatus":201,"at":"2025-03-01T10:00:02Z",\
                "idempotencyKey":"lead-1:buyer-abc"}],\
                "completion":{"outcome":"success","reason":null,"price":0.0,"at":"2025-03-01T10:00:03Z"},\
                "feedback":[{"id":"f1","type":"return","reason":"Wrong number","result":"matched",\
                "entity":"Buyer ABC","at":"2025-03-02T09:00:00Z"}]}""";
        Instant submitted = Instant.parse("2025-03-01T10:00:00Z");
        LeadRecord expected = new LeadRecord(
                new LeadRecord.Lead("lead-1", "open", "rev-1", "web", submitted, map("email",
                        new LeadRecord.Field("email", "Ada@Example.com", "ada@example.com", true,
                                map("domain", "example.com", "score", 7, "tags", Arrays.asList("a", 1.5, null),
                                        "big", 12345678901L)))),
                List.of(new LeadRecord.Step("buyer-abc", StepType.RECIPIENT, "Buyer ABC", "custom.outbound.json",
                        Outcome.SUCCESS, null, 12.5, "abc-77", map(), submitted.plusSeconds(2), 120)),
                List.of(new LeadRecord.Delivery("buyer-abc", "Buyer ABC", 1, Outcome.SUCCESS, null, 12.5, "abc-77",
                        201, submitted.plusSeconds(2), "lead-1:buyer-abc")),
                new LeadRecord.Completion(Outcome.SUCCESS, null, 0.0, submitted.plusSeconds(3)),
                List.of(new LeadRecord.FeedbackEntry("f1", FeedbackType.RETURN, "Wrong number",
                        FeedbackResult.MATCHED, "Buyer ABC", Instant.parse("2025-03-02T09:00:00Z"))));

        LeadRecord read = binary.read(stored.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(expected);
        assertThat(binary.read(binary.write(read))).as("rewritten in the binary format").isEqualTo(expected);
    }

    @Test
    void refusesValuesItCannotReadWithoutShowingLeadData() {
        byte[] full = binary.write(FULL);
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("empty", new byte[0]);
        values.put("unknown format", new byte[] {(byte) 0x7f, 0, 0, 0});
        values.put("trailing bytes", Arrays.copyOf(full, full.length + 1));
        values.put("unknown value tag", binary.write(withNormal(99L)));
        values.put("presence byte out of range", new byte[] {LeadRecordBinary.FORMAT_1, 2});
        values.put("size beyond the value", new byte[] {LeadRecordBinary.FORMAT_1, 0, (byte) 0xff, 0x7f});
        values.put("number longer than 10 bytes", new byte[] {LeadRecordBinary.FORMAT_1, 0, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, 0});
        values.put("unknown enum name", binary.write(withOutcomeNamed()));
        for (int length = 1; length < full.length; length++) {
            values.put("first " + length + " bytes", Arrays.copyOf(full, length));
        }
        corruptValueTag(values.get("unknown value tag"));
        corruptOutcomeName(values.get("unknown enum name"));

        values.forEach((name, value) -> assertThatThrownBy(() -> binary.read(value)).as(name)
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("A stored lead record could not be read: ")
                .message().doesNotContain("lead-1", "Ada", "ada@", "Zoë", "Buyer", "Wrong number"));
    }

    @Test
    void namesTheProblemOfEachBadValue() {
        byte[] full = binary.write(FULL);

        assertThat(messageOf(new byte[0])).endsWith("the value is empty");
        assertThat(messageOf(new byte[] {(byte) 0xc3, 1})).endsWith("unknown format byte 195");
        assertThat(messageOf(Arrays.copyOf(full, full.length - 1)))
                .endsWith("it ends after " + (full.length - 1) + " bytes, in the middle of the record");
        assertThat(messageOf(Arrays.copyOf(full, full.length + 2))).endsWith("2 bytes after the record");
    }

    @Test
    void refusesToStoreAValueWithoutABinaryForm() {
        assertThatThrownBy(() -> binary.write(withNormal(1.5f)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("A lead record could not be stored: a value of type java.lang.Float has no binary form");
        assertThatThrownBy(() -> binary.write(withNormal(Map.of(1, "one"))))
                .isInstanceOf(SerializationException.class)
                .hasMessage("A lead record could not be stored: a map key of type java.lang.Integer is not a string");
    }

    @Test
    void serdeKeepsADeletedRecordNull() {
        Serde<LeadRecord> serde = binary.serde();

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", FULL))).isEqualTo(FULL);
    }

    private String messageOf(byte[] value) {
        return catchMessage(() -> binary.read(value));
    }

    private static String catchMessage(Runnable read) {
        try {
            read.run();
        } catch (SerializationException e) {
            return e.getMessage();
        }
        throw new AssertionError("no SerializationException");
    }

    /** A record whose only lead-data value is {@code normal}, placed last in the value. */
    private static LeadRecord withNormal(Object normal) {
        return new LeadRecord(new LeadRecord.Lead("lead-1", "open", "rev-1", "web", SUBMITTED,
                map("x", new LeadRecord.Field("t", "r", normal, true, null))), List.of(), List.of(), null, List.of());
    }

    private static LeadRecord withOutcomeNamed() {
        return new LeadRecord(null, List.of(), List.of(),
                new LeadRecord.Completion(Outcome.SKIP, null, 0, null), List.of());
    }

    /**
     * {@code withNormal(99L)} ends with normal (tag LONG, then zigzag 99 = 198 in two bytes), valid, components (tag
     * NULL), then steps 0, deliveries 0, completion absent and feedback 0: the LONG tag is the 9th byte from the end.
     */
    private static void corruptValueTag(byte[] value) {
        int tag = value.length - 9;
        assertThat(value[tag]).isEqualTo((byte) 4);
        value[tag] = 42;
    }

    /** {@code SKIP} is the last string of {@code withOutcomeNamed()}'s completion: rename it {@code SKOP}. */
    private static void corruptOutcomeName(byte[] value) {
        String bytes = new String(value, StandardCharsets.ISO_8859_1);
        int at = bytes.indexOf("SKIP");
        value[at + 2] = 'O';
    }

    private static <V> Map<String, V> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        @SuppressWarnings("unchecked")
        Map<String, V> typed = (Map<String, V>) map;
        return typed;
    }
}
