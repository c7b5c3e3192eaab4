package io.leadflow.integration.types;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An http or https URL read as the WHATWG URL standard reads it: scheme and host lower-cased, default port dropped,
 * empty path {@code /}, unsafe characters percent-encoded. Text without {@code ://} is read as {@code http://} text.
 */
record HttpUrl(
        String protocol, String hostname, String host, String port, String path, String query, String hash, String href) {

    private static final Pattern SCHEME_AND_REST =
            Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):[/\\\\]*(.*)$", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile("\\d*");
    private static final Pattern TAB_OR_NEWLINE = Pattern.compile("[\\t\\n\\r]");
    private static final Pattern FORBIDDEN_HOST_CHARACTERS = Pattern.compile("[\\x00-\\x20#%/:<>?@\\[\\\\\\]^|\\x7F]");
    private static final Pattern ENDS_IN_NUMBER = Pattern.compile("(?:^|\\.)\\d+\\.?$");
    private static final String PATH_ENCODED = " \"#<>?`{}";
    private static final String QUERY_ENCODED = " \"#<>'";
    private static final String FRAGMENT_ENCODED = " \"<>`";

    /** Reads text as a URL, assuming {@code http://} when it has no {@code ://}; empty unless http(s) with a host. */
    static Optional<HttpUrl> read(String text) {
        String url = TAB_OR_NEWLINE.matcher(text.strip()).replaceAll("");
        return parse(url.contains("://") ? url : "http://" + url);
    }

    private static Optional<HttpUrl> parse(String url) {
        Matcher schemeAndRest = SCHEME_AND_REST.matcher(url);
        if (!schemeAndRest.matches()) {
            return Optional.empty();
        }
        String scheme = schemeAndRest.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String rest = schemeAndRest.group(2).replace('\\', '/');
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

    private static Optional<String> host(String text) {
        if (text.startsWith("[")) {
            return text.endsWith("]")
                    ? IpLiteral.ipv6(text.substring(1, text.length() - 1)).map(ipv6 -> "[" + IpLiteral.ipv6Text(ipv6) + "]")
                    : Optional.empty();
        }
        String host;
        try {
            host = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host.isEmpty() || FORBIDDEN_HOST_CHARACTERS.matcher(host).find()) {
            return Optional.empty();
        }
        if (ENDS_IN_NUMBER.matcher(host).find()) {
            return IpLiteral.ipv4(host).map(IpLiteral::ipv4Text);
        }
        return Optional.of(host);
    }

    /** The port as text, empty when none or the scheme's default. */
    private static Optional<String> port(String text, String scheme) {
        if (text.isEmpty()) {
            return Optional.of("");
        }
        if (!PORT.matcher(text).matches() || text.length() > 5 || Integer.parseInt(text) > 65_535) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        boolean isDefault = port == (scheme.equals("https") ? 443 : 80);
        return Optional.of(isDefault ? "" : Integer.toString(port));
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
}
