package io.leadflow.integrations.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bundled lists the verification reads (resources beside this class): free and disposable mail domains, role
 * mailboxes, and the popular domains whose near misses are typos.
 */
final class DomainLists {

    private static final Set<String> FREE = read("free-domains.txt");
    private static final Set<String> DISPOSABLE = read("disposable-domains.txt");
    private static final Set<String> ROLES = read("role-accounts.txt");
    private static final List<String> POPULAR = List.copyOf(read("popular-domains.txt").stream().sorted().toList());

    private DomainLists() {
    }

    static boolean isFree(String domain) {
        return FREE.contains(domain) || POPULAR.contains(domain);
    }

    /** The domain or one of its parent domains is a throw-away mail service ({@code x.mailinator.com} too). */
    static boolean isDisposable(String domain) {
        for (String candidate = domain; candidate.contains("."); candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            if (DISPOSABLE.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** A shared mailbox ({@code info}, {@code sales}), ignoring case and a {@code +tag}. */
    static boolean isRole(String user) {
        String local = user.toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return ROLES.contains(plus > 0 ? local.substring(0, plus) : local);
    }

    /**
     * The popular domain this one is a typo of: one edit away (a letter missing, added, changed or two swapped), or
     * two for popular domains of nine characters or more, with the same first letter (so bol.com is no aol.com);
     * never for a domain that is itself known.
     */
    static Optional<String> typoOf(String domain) {
        if (domain.isEmpty() || isFree(domain) || DISPOSABLE.contains(domain)) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String popular : POPULAR) {
            int distance = EditDistance.between(domain, popular);
            int allowed = popular.length() >= 9 ? 2 : 1;
            if (distance <= allowed && distance < bestDistance && popular.charAt(0) == domain.charAt(0)) {
                best = popular;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Set<String> read(String resource) {
        InputStream list = DomainLists.class.getResourceAsStream(resource);
        if (list == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            return lines.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
