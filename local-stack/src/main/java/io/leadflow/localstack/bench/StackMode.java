package io.leadflow.localstack.bench;

import java.util.Locale;

/** Which stack the benchmark measures intake in. */
enum StackMode {
    /** The local stack of {@code ./leadflow up} on its fixed ports: the running one, or one started like it. */
    LOCAL,
    /** A broker and intake alone, started by the run on free ports: intake's own cost, nothing consumes its leads. */
    INTAKE,
    /** A broker and all four services, started by the run on free ports: intake while the others consume. */
    FULL;

    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
