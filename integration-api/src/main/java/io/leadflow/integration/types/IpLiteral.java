package io.leadflow.integration.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4 and IPv6 addresses read and written as the WHATWG URL standard (and so Node) does for URL hosts. */
final class IpLiteral {

    private static final int IPV6_PIECES = 8;
    private static final Pattern HEX_PIECE = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpLiteral() {
    }

    /** Four decimal octets, each 0-255; a trailing dot is allowed. */
    static Optional<int[]> ipv4(String text) {
        int end = text.endsWith(".") ? text.length() - 1 : text.length();
        int[] octets = new int[4];
        int octet = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || text.charAt(i) == '.') {
                if (digits == 0 || value > 255 || octet == octets.length) {
                    return Optional.empty();
                }
                octets[octet++] = value;
                digits = 0;
                value = 0;
            } else {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || ++digits > 3) {
                    return Optional.empty();
                }
                value = value * 10 + (c - '0');
            }
        }
        return octet == octets.length ? Optional.of(octets) : Optional.empty();
    }

    static String ipv4Text(int[] octets) {
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
    }

    /** Eight 16-bit pieces; {@code ::} once for a run of zero pieces, and an IPv4 address may end it. */
    static Optional<int[]> ipv6(String text) {
        int compressed = text.indexOf("::");
        if (compressed >= 0 && text.indexOf("::", compressed + 1) >= 0) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = compressed < 0 ? pieces(text) : pieces(text.substring(0, compressed));
        Optional<List<Integer>> tail = compressed < 0 ? Optional.of(List.of()) : pieces(text.substring(compressed + 2));
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int given = head.get().size() + tail.get().size();
        if (compressed < 0 ? given != IPV6_PIECES : given > IPV6_PIECES - 1) {
            return Optional.empty();
        }
        int[] address = new int[IPV6_PIECES];
        for (int i = 0; i < head.get().size(); i++) {
            address[i] = head.get().get(i);
        }
        for (int i = 0; i < tail.get().size(); i++) {
            address[IPV6_PIECES - tail.get().size() + i] = tail.get().get(i);
        }
        return Optional.of(address);
    }

    /** Lower-case hex without leading zeros, the first longest run of two or more zero pieces as {@code ::}. */
    static String ipv6Text(int[] address) {
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < IPV6_PIECES; i++) {
            int length = 0;
            while (i + length < IPV6_PIECES && address[i + length] == 0) {
                length++;
            }
            if (length > runLength) {
                runStart = i;
                runLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < IPV6_PIECES) {
            if (i == runStart) {
                text.append(i == 0 ? "::" : ":");
                i += runLength;
            } else {
                text.append(Integer.toHexString(address[i])).append(i < IPV6_PIECES - 1 ? ":" : "");
                i++;
            }
        }
        return text.toString();
    }

    /** Colon-separated hex pieces, the last of which may be an IPv4 address (two pieces). */
    private static Optional<List<Integer>> pieces(String text) {
        List<Integer> pieces = new ArrayList<>();
        if (text.isEmpty()) {
            return Optional.of(pieces);
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.contains(".")) {
                Optional<int[]> ipv4 = ipv4(part);
                if (ipv4.isEmpty() || part.endsWith(".")) {
                    return Optional.empty();
                }
                int[] octets = ipv4.get();
                pieces.add(octets[0] << 8 | octets[1]);
                pieces.add(octets[2] << 8 | octets[3]);
            } else if (HEX_PIECE.matcher(part).matches()) {
                pieces.add(Integer.parseInt(part, 16));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(pieces);
    }
}
