package io.leadflow.localstack.bench;

/**
 * One measured round against one target, with what else the machine did: its 1-minute load average as the round
 * ended, and the share of its CPU that processes outside the benchmark used during the round (NaN where unknown).
 */
record Measurement(Target target, int round, Figures figures, double loadAverage, double otherWorkShare) {
}
