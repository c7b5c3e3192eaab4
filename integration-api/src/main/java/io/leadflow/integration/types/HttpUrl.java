package io.leadflow.integration.types;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An http or https URL read as the WHATWG URL standard reads it: scheme and host lower-cased, default port dropped,
 * empty path {@code /}, unsafe characters percent-encoded. Text without {@code ://} is read as {@code http://} text.
 */
record HttpUrl(
        String protocol, String hostname, String host, String port, String path, String query, String hash, String href) {

    /** Forbidden in a host besides controls, space and DEL. */
    private static final String FORBIDDEN_HOST_CHARACTERS = "#%/:<>?@[\\]^|";
    private static final int LONGEST_LABEL = 63;
    private static final String PATH_ENCODED = " \"#<>?`{}";
    private static final String QUERY_ENCODED = " \"#<>'";
    private static final String FRAGMENT_ENCODED = " \"<>`";

    /** Reads text as a URL, assuming {@code http://} when it has no {@code ://}; empty unless http(s) with a host. */
    static Optional<HttpUrl> read(String text) {
        String url = withoutTabsAndNewlines(text.strip());
        return parse(url.contains("://") ? url : "http://" + url);
    }

    private static Optional<HttpUrl> parse(String url) {
        int schemeEnd = schemeEnd(url);
        if (schemeEnd < 0) {
            return Optional.empty();
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        int restStart = schemeEnd + 1;
        while (restStart < url.length() && (url.charAt(restStart) == '/' || url.charAt(restStart) == '\\')) {
            restStart++;
        }
        String rest = url.substring(restStart).replace('\\', '/');
        int authorityEnd = firstIndexOf(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String userInfo = authority.contains("@") ? authority.substring(0, authority.lastIndexOf('@')) : null;
        String hostAndPort = userInfo == null ? authority : authority.substring(userInfo.length() + 1);

        int portStart = hostAndPort.startsWith("[") ? hostAndPort.indexOf(']') + 1 : hostAndPort.indexOf(':');
        if (portStart == 0) {
            return Optional.empty();
        }
        String hostText = portStart < 0 ? hostAndPort : hostAndPort.substring(0, portStart);
        String portText = portStart < 0 || portStart == hostAndPort.length() ? "" : hostAndPort.substring(portStart);
        if (!portText.isEmpty() && !portText.startsWith(":")) {
            return Optional.empty();
        }
        Optional<String> host = host(hostText);
        Optional<String> port = port(portText.isEmpty() ? "" : portText.substring(1), scheme);
        if (host.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }

        String pathQueryAndFragment = rest.substring(authorityEnd);
        int queryStart = firstIndexOf(pathQueryAndFragment, "?#");
        int fragmentStart = pathQueryAndFragment.indexOf('#');
        String path = encoded(pathQueryAndFragment.substring(0, queryStart), PATH_ENCODED);
        String query = queryStart < pathQueryAndFragment.length() && pathQueryAndFragment.charAt(queryStart) == '?'
                ? encoded(pathQueryAndFragment.substring(queryStart + 1,
                        fragmentStart < 0 ? pathQueryAndFragment.length() : fragmentStart), QUERY_ENCODED)
                : null;
        String fragment = fragmentStart < 0
                ? null
                : encoded(pathQueryAndFragment.substring(fragmentStart + 1), FRAGMENT_ENCODED);
        path = path.isEmpty() ? "/" : path;

        String hostWithPort = port.get().isEmpty() ? host.get() : host.get() + ":" + port.get();
        String href = scheme + "://" + (userInfo == null ? "" : userInfo + "@") + hostWithPort + path
                + (query == null ? "" : "?" + query) + (fragment == null ? "" : "#" + fragment);
        return Optional.of(new HttpUrl(scheme, host.get(), hostWithPort, port.get(), path, query == null ? "" : query,
                fragment == null || fragment.isEmpty() ? "" : "#" + fragment, href));
    }

    private static String withoutTabsAndNewlines(String text) {
        if (firstIndexOf(text, "\t\n\r") == text.length()) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Where the scheme ({@code [A-Za-z][A-Za-z0-9+.-]*}) that starts the text ends at a colon; -1 when none does. */
    private static int schemeEnd(String url) {
        if (url.isEmpty() || !isAsciiLetter(url.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != '+' && c != '.' && c != '-') {
                return -1;
            }
        }
        return -1;
    }

    private static Optional<String> host(String text) {
        if (text.startsWith("[")) {
            return text.endsWith("]")
                    ? IpLiteral.ipv6(text.substring(1, text.length() - 1)).map(ipv6 -> "[" + IpLiteral.ipv6Text(ipv6) + "]")
                    : Optional.empty();
        }
        String host;
        try {
            host = (hasPlainAsciiLabels(text) ? text : IDN.toASCII(text, IDN.ALLOW_UNASSIGNED)).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host.isEmpty() || hasForbiddenHostCharacter(host)) {
            return Optional.empty();
        }
        if (endsInNumber(host)) {
            return IpLiteral.ipv4(host).map(IpLiteral::ipv4Text);
        }
        return Optional.of(host);
    }

    /**
     * Whether the host is ASCII labels of 1-63 characters between single dots: {@link IDN#toASCII} returns such a
     * host as it is, so it need not be called.
     */
    private static boolean hasPlainAsciiLabels(String host) {
        int labelLength = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 0x80 || c == '.' && labelLength == 0) {
                return false;
            }
            labelLength = c == '.' ? 0 : labelLength + 1;
            if (labelLength > LONGEST_LABEL) {
                return false;
            }
        }
        return labelLength > 0;
    }

    private static boolean hasForbiddenHostCharacter(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c == 0x7F || FORBIDDEN_HOST_CHARACTERS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last label (before one optional final dot) is all digits, which makes the host an IPv4 address. */
    private static boolean endsInNumber(String host) {
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        int labelStart = host.lastIndexOf('.', end - 1) + 1;
        if (labelStart == end) {
            return false;
        }
        for (int i = labelStart; i < end; i++) {
            if (!isAsciiDigit(host.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The port as text, empty when none or the scheme's default. */
    private static Optional<String> port(String text, String scheme) {
        if (text.isEmpty()) {
            return Optional.of("");
        }
        if (text.length() > 5 || !isAllAsciiDigits(text) || Integer.parseInt(text) > 65_535) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        boolean isDefault = port == (scheme.equals("https") ? 443 : 80);
        return Optional.of(isDefault ? "" : Integer.toString(port));
    }

    private static boolean isAllAsciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int firstIndexOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Percent-encodes controls, non-ASCII characters (as UTF-8) and the given characters. */
    private static String encoded(String text, String alsoEncoded) {
        if (!needsEncoding(text, alsoEncoded)) {
            return text;
        }
        StringBuilder encoded = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            if (codePoint < 0x20 || codePoint > 0x7E || alsoEncoded.indexOf(codePoint) >= 0) {
                for (byte octet : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(String.format("%02X", octet & 0xFF));
                }
            } else {
                encoded.append(Character.toChars(codePoint));
            }
        });
        return encoded.toString();
    }

    private static boolean needsEncoding(String text, String alsoEncoded) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || alsoEncoded.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
