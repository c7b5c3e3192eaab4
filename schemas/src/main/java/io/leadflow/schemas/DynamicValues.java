package io.leadflow.schemas;

import io.leadflow.schemas.common.DynamicValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between plain Java values (null, Boolean, Long, Double, String, List, Map) and the recursive Avro
 * {@link DynamicValue}. Integral numbers become longs, other numbers doubles, anything else its string form.
 */
public final class DynamicValues {

    private DynamicValues() {
    }

    public static DynamicValue toAvro(Object value) {
        return new DynamicValue(toAvroPayload(value));
    }

    public static Map<String, DynamicValue> toAvroMap(Map<String, ?> values) {
        Map<String, DynamicValue> result = new LinkedHashMap<>(capacityFor(values.size()));
        values.forEach((key, value) -> result.put(key, toAvro(value)));
        return result;
    }

    public static Object fromAvro(DynamicValue value) {
        return value == null ? null : fromAvroPayload(value.getValue());
    }

    public static Map<String, Object> fromAvroMap(Map<? extends CharSequence, DynamicValue> values) {
        Map<String, Object> result = new LinkedHashMap<>(capacityFor(values.size()));
        values.forEach((key, value) -> result.put(key.toString(), fromAvro(value)));
        return result;
    }

    /**
     * The initial capacity of a hash map that takes {@code entries} without growing (its load factor is 0.75): maps
     * of every lead field are built on each service's hot path.
     */
    public static int capacityFor(int entries) {
        return entries * 4 / 3 + 1;
    }

    private static Object toAvroPayload(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, DynamicValue> result = new LinkedHashMap<>(capacityFor(map.size()));
            map.forEach((key, item) -> result.put(String.valueOf(key), toAvro(item)));
            return result;
        }
        if (value instanceof Iterable<?> items) {
            List<DynamicValue> result = new ArrayList<>();
            items.forEach(item -> result.add(toAvro(item)));
            return result;
        }
        if (value instanceof Object[] items) {
            return toAvroPayload(java.util.Arrays.asList(items));
        }
        return value.toString();
    }

    private static Object fromAvroPayload(Object payload) {
        if (payload instanceof CharSequence text) {
            return text.toString();
        }
        if (payload instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>(capacityFor(map.size()));
            map.forEach((key, item) -> result.put(key.toString(), fromAvro((DynamicValue) item)));
            return result;
        }
        if (payload instanceof List<?> items) {
            List<Object> result = new ArrayList<>(items.size());
            items.forEach(item -> result.add(fromAvro((DynamicValue) item)));
            return result;
        }
        return payload;
    }
}
