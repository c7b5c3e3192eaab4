package io.leadflow.enhancement.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A named list: its slug, the random generation given at creation (part of its hashing key), the default
 * time-to-live of its entries (null: none) and the reference to its own hashing secret (null: the service's).
 */
public record ListSpec(String name, String generation, Duration ttl, String secretReference, Instant createdAt) {
}
