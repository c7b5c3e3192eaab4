package io.leadflow.intake.config;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Strong random numbers without a shared lock: a DRBG {@link SecureRandom} per thread. The default SecureRandom on
 * Linux (NativePRNG) serialises every caller on one lock and a read of /dev/urandom, which event-loop threads then
 * wait for.
 */
final class PerThreadSecureRandom implements RandomGenerator {

    private final ThreadLocal<SecureRandom> randoms = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is missing from this JVM", e);
        }
    });

    @Override
    public long nextLong() {
        return randoms.get().nextLong();
    }
}
