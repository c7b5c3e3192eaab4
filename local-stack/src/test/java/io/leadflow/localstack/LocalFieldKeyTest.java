package io.leadflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFieldKeyTest {

    @TempDir
    Path directory;

    @Test
    void createsA32ByteKeyOnlyItsOwnerCanRead() throws IOException {
        Path secrets = directory.resolve("secrets");

        assertThat(LocalFieldKey.ensure(secrets)).isTrue();

        Path file = secrets.resolve("leadflow-field-key");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keepsAKeyThatExists() throws IOException {
        Path file = Files.writeString(directory.resolve("leadflow-field-key"), "AAECAwQFBgcICQoLDA0ODw==\n");

        assertThat(LocalFieldKey.ensure(directory)).isFalse();

        assertThat(Files.readString(file)).isEqualTo("AAECAwQFBgcICQoLDA0ODw==\n");
    }

    @Test
    void givesEveryStackItsOwnKey() throws IOException {
        LocalFieldKey.ensure(directory.resolve("a"));
        LocalFieldKey.ensure(directory.resolve("b"));

        assertThat(Files.readString(directory.resolve("a").resolve("leadflow-field-key")))
                .isNotEqualTo(Files.readString(directory.resolve("b").resolve("leadflow-field-key")));
    }
}
