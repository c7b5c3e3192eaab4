package io.leadflow.integration;

/**
 * Platform settings a package's modules may need, given once when they are created.
 *
 * @param allowPrivateNetworks whether outbound URLs may point at loopback, private and link-local addresses (local
 *                             mode and tests); when false, validation refuses them as "URL must be public"
 */
public record IntegrationSettings(boolean allowPrivateNetworks) {

    /** Production defaults: public addresses only. */
    public static IntegrationSettings defaults() {
        return new IntegrationSettings(false);
    }
}
