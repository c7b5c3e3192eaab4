package io.leadflow.integration;

/**
 * Platform settings a package's modules may need, given once when they are created.
 *
 * @param allowPrivateNetworks whether outbound URLs may point at loopback, private and link-local addresses (local
 *                             mode and tests); when false, validation refuses them as "URL must be public"
 * @param listsUrl             base URL of this deployment's lists API (enhancement-service), which the suppression
 *                             modules call unless a step gives its own URL; null when there is none
 * @param listsToken           the admin token the lists API requires, sent only to {@code listsUrl}; null when open
 */
public record IntegrationSettings(boolean allowPrivateNetworks, String listsUrl, String listsToken) {

    public IntegrationSettings(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, null, null);
    }

    /** Production defaults: public addresses only, no lists API. */
    public static IntegrationSettings defaults() {
        return new IntegrationSettings(false);
    }
}
