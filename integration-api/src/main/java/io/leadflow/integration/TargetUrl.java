package io.leadflow.integration;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.validator.routines.DomainValidator;

/**
 * Where an integration would send its request, checked as LeadConduit does against SSRF before anything is sent: an
 * http(s) URL with {@code //} (its base), whose host is a domain name or an IP literal (valid), and a domain under an
 * IANA top-level domain or an IP outside private and reserved ranges (public). The platform checks again at connect time.
 */
public record TargetUrl(String host, InetAddress address) {

    private static final Pattern URL =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):(//)?([^/?#\\\\]*).*", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile(":[0-9]*$");
    private static final Pattern DOMAIN_CHARACTERS = Pattern.compile("[a-z0-9._*-]+");
    private static final Pattern TOP_LEVEL = Pattern.compile("(?:xn--)?(?!\\d+$)[a-z0-9]+");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_-]{1,63}");
    private static final Pattern DOUBLE_DASH = Pattern.compile("--(--)?");
    private static final Pattern PUNYCODE_PREFIX = Pattern.compile("xn--");
    private static final Pattern IPV4_PART = Pattern.compile("0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
    private static final DomainValidator DOMAINS = DomainValidator.getInstance(false);

    /** The private-ip package's IPv4 and IPv6 ranges (all of IPv4-mapped space included), which LeadConduit refuses. */
    private static final List<Range> PRIVATE_RANGES = Stream.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24",
            "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32",
            "::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "100::/64", "2001::/32", "2001:20::/28",
            "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8").map(Range::parse).toList();

    private record Range(byte[] network, int bits) {

        static Range parse(String cidr) {
            String literal = cidr.substring(0, cidr.indexOf('/'));
            InetAddress network = ipv4(literal).or(() -> ipv6(literal)).orElseThrow();
            return new Range(network.getAddress(), Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)));
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (bytes[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The URL's base as Node's {@code url.parse} sees it: an http or https scheme followed by {@code //}; the host
     * is lower-cased (and, for domains, punycoded). Empty when the URL has no such base.
     */
    public static Optional<String> base(String url) {
        Matcher matcher = URL.matcher(url.strip());
        if (!matcher.matches() || matcher.group(2) == null) {
            return Optional.empty();
        }
        String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String authority = matcher.group(3);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return Optional.of(end < 0 ? hostAndPort : hostAndPort.substring(1, end));
        }
        return Optional.of(PORT.matcher(hostAndPort).replaceFirst("").toLowerCase(Locale.ROOT));
    }

    /** The URL's target when its host is a valid domain name or IP literal; empty when the URL is not valid. */
    public static Optional<TargetUrl> parse(String url) {
        Optional<String> host = base(url);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> ip = ipv4(host.get()).or(() -> ipv6(host.get()));
        if (ip.isPresent()) {
            return Optional.of(new TargetUrl(host.get(), ip.get()));
        }
        return asciiDomain(host.get()).filter(TargetUrl::isValidDomain).map(domain -> new TargetUrl(domain, null));
    }

    /** Whether the target is on the public internet: its last label an IANA top-level domain, or a public IP. */
    public boolean isPublic() {
        if (address == null) {
            return DOMAINS.isValidTld(host.substring(host.lastIndexOf('.') + 1));
        }
        return PRIVATE_RANGES.stream().noneMatch(range -> range.contains(address));
    }

    /** is-valid-domain: two labels or more, an alphanumeric top level, no hyphen at a label's ends; a trailing dot. */
    private static boolean isValidDomain(String domain) {
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (name.length() > 253 || !DOMAIN_CHARACTERS.matcher(name).matches()) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        for (int i = 0; i < labels.length - 1; i++) {
            String label = labels[i];
            boolean secondLevel = i == labels.length - 2;
            boolean badSecondLevel = secondLevel
                    && (label.contains("_") || count(DOUBLE_DASH, label) != count(PUNYCODE_PREFIX, label));
            if (!LABEL.matcher(label).matches() || label.startsWith("-") || label.endsWith("-") || badSecondLevel) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> asciiDomain(String host) {
        try {
            return Optional.of(IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** IPv4 in any form ipaddr.js accepts: one to four parts, each decimal, octal ({@code 0}) or hex ({@code 0x}). */
    private static Optional<InetAddress> ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!IPV4_PART.matcher(parts[i]).matches() || parts[i].length() > 12) {
                return Optional.empty();
            }
            values[i] = parseIpv4Part(parts[i]);
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xFF) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
        return Optional.of(toInet(bytes));
    }

    private static long parseIpv4Part(String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return Long.parseLong(part.substring(1), 8);
        }
        return Long.parseLong(part);
    }

    /** An IPv6 literal, kept as IPv6 even when it maps an IPv4 address (which Java would turn into IPv4). */
    private static Optional<InetAddress> ipv6(String literal) {
        if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            if (address instanceof Inet4Address mapped) {
                byte[] bytes = new byte[16];
                bytes[10] = (byte) 0xFF;
                bytes[11] = (byte) 0xFF;
                System.arraycopy(mapped.getAddress(), 0, bytes, 12, 4);
                address = Inet6Address.getByAddress(null, bytes, -1);
            }
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    private static InetAddress toInet(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are always an IPv4 address", e);
        }
    }
}
