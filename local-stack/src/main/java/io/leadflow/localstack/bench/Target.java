package io.leadflow.localstack.bench;

/** What the benchmark measures: the bare baseline endpoint, or intake-service. */
enum Target {
    BASELINE("baseline"),
    INTAKE("intake");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
