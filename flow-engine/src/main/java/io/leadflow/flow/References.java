package io.leadflow.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} (an environment variable) and {@code ${secret:NAME}} (the file NAME in the secrets
 * directory, trimmed) inside flow values, so flow files never hold secret values. Secret files are read once.
 */
public final class References {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|secret):([A-Za-z0-9_.-]+)}");

    private final Function<String, String> environment;
    private final Path secretsDir;
    private final Map<String, Optional<String>> secrets = new ConcurrentHashMap<>();

    public References(Function<String, String> environment, Path secretsDir) {
        this.environment = environment;
        this.secretsDir = secretsDir;
    }

    public static boolean containsReference(String text) {
        return text != null && REFERENCE.matcher(text).find();
    }

    /** The text with every reference replaced by its value; a reference without a value is an error naming it. */
    public String resolve(String text) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = lookup(matcher.group(1), matcher.group(2))
                    .orElseThrow(() -> new UnresolvedReferenceException(describe(matcher.group(1), matcher.group(2))));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The first reference in the text that has no value, described for an error message; empty when all resolve. */
    public Optional<String> firstUnresolved(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (lookup(matcher.group(1), matcher.group(2)).isEmpty()) {
                return Optional.of(describe(matcher.group(1), matcher.group(2)));
            }
        }
        return Optional.empty();
    }

    private Optional<String> lookup(String kind, String name) {
        if (kind.equals("env")) {
            return Optional.ofNullable(environment.apply(name));
        }
        return secrets.computeIfAbsent(name, this::readSecret);
    }

    private Optional<String> readSecret(String name) {
        Path file = secretsDir.resolve(name).normalize();
        if (!file.startsWith(secretsDir.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String describe(String kind, String name) {
        return kind.equals("env") ? "environment variable " + name + " is not set"
                : "secret " + name + " is not in " + secretsDir;
    }

    /** A reference that has no value; the message names the reference, never a value. */
    public static class UnresolvedReferenceException extends RuntimeException {
        public UnresolvedReferenceException(String message) {
            super(message);
        }
    }
}
