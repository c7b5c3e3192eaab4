package io.leadflow.servicekit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin APIs' check of {@code Authorization: Bearer <token>}, in constant time; open when no token is configured. */
public final class AdminToken {

    private final byte[] token;

    public AdminToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean permits(String authorization) {
        if (token == null) {
            return true;
        }
        String prefix = "Bearer ";
        return authorization != null && authorization.startsWith(prefix) && MessageDigest.isEqual(token,
                authorization.substring(prefix.length()).getBytes(StandardCharsets.UTF_8));
    }
}
