package io.leadflow.delivery.domain;

/** Why a record was parked: a delivery out of retries, bytes that are no event, a flow revision not loaded, a bug. */
public enum DeadLetterCategory {
    RETRIES_EXHAUSTED, UNDECODABLE, FLOW_NOT_LOADED, FAILED
}
