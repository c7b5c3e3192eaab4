package io.leadflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicValuesTest {

    @Test
    void convertsEveryShapeToAvroAndBack() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("text", "hello");
        nested.put("flag", true);
        nested.put("count", 3L);
        nested.put("ratio", 0.5);
        nested.put("none", null);
        nested.put("list", List.of("a", 1L, List.of(false)));
        nested.put("map", Map.of("inner", "x"));

        assertThat(DynamicValues.fromAvro(DynamicValues.toAvro(nested))).isEqualTo(nested);
    }

    @Test
    void widensJavaNumbersToLongOrDouble() {
        Object[] inputs = {7, (short) 7, 7.25f, new BigDecimal("7.5"), new Object[] {1, null}};
        Object[] expected = {7L, 7L, 7.25, 7.5, Arrays.asList(1L, null)};
        for (int i = 0; i < inputs.length; i++) {
            assertThat(DynamicValues.fromAvro(DynamicValues.toAvro(inputs[i]))).as("input %s", i).isEqualTo(expected[i]);
        }
    }
}
