package io.leadflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The four Leadflow services, each with the port the local stack gives it. */
public enum LeadflowService {
    INTAKE("intake", 8080),
    ENHANCEMENT("enhancement", 8081),
    DELIVERY("delivery", 8082),
    FEEDBACK("feedback", 8083);

    private final String shortName;
    private final int port;

    LeadflowService(String shortName, int port) {
        this.shortName = shortName;
        this.port = port;
    }

    public String shortName() {
        return shortName;
    }

    public String module() {
        return shortName + "-service";
    }

    int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The executable jar the module's build writes ({@code target/<module>-<version>-exec.jar}); the newest one. */
    public Optional<Path> executableJar(Path projectRoot) {
        Path target = projectRoot.resolve(module()).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(target, module() + "-*-exec.jar")) {
            matches.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars.stream().max(Comparator.comparing(jar -> jar.toFile().lastModified()));
    }
}
