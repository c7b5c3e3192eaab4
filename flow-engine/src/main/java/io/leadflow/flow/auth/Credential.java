package io.leadflow.flow.auth;

import java.util.Map;

/**
 * A named credential of a flow ({@code credentials:} in the flow file), used by steps that name it. {@code settings}
 * hold the flow file's values as written: secrets stay {@code ${env:…}}/{@code ${secret:…}} references until a
 * request is sent, so a credential can be shown, stored and logged without revealing anything.
 */
public record Credential(String name, CredentialType type, Map<String, String> settings) {

    public Credential {
        settings = Map.copyOf(settings);
    }

    /** A setting as written in the flow file; null when absent. */
    public String setting(String key) {
        return settings.get(key);
    }
}
