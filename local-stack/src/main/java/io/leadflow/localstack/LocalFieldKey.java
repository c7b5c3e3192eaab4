package io.leadflow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals ssn and credential fields in a stack on this machine: the secret {@code leadflow-field-key}
 * (intake's default {@code LEADFLOW_FIELD_KEY_SECRET}), 32 random bytes in base64, created once and never printed.
 */
public final class LocalFieldKey {

    public static final String SECRET_NAME = "leadflow-field-key";
    private static final int KEY_BYTES = 32;

    private LocalFieldKey() {
    }

    /** Creates {@code <secretsDirectory>/leadflow-field-key}, readable by its owner only, unless it exists; true if new. */
    public static boolean ensure(Path secretsDirectory) throws IOException {
        Path file = secretsDirectory.resolve(SECRET_NAME);
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(secretsDirectory);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file gets the directory's permissions.
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        return true;
    }
}
