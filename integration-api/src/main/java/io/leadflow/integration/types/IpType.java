package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP addresses, v4 or v6, ignoring whitespace, a scheme and anything after the address (port, path, CIDR suffix).
 * IPv6 is written compressed without brackets. Components {@code is_ipv4} and {@code ipv6_format}, where an IPv4
 * address reads {@code ffff::<hex>} (sic: LeadConduit's form, not {@code ::ffff:}).
 */
final class IpType implements FieldType {

    private static final int IPV6_PIECES = 8;
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]");
    private static final Pattern SCHEME = Pattern.compile("^.*://");
    private static final Pattern IPV4_AT_START = Pattern.compile("^(\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern IPV6_AT_START = Pattern.compile(
            "^((::ffff|ffff:):(\\d{1,3}\\.){3}\\d{1,3}|(([0-9a-f]{0,4}|:)(:[0-9a-f]{0,4}){0,7}))", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "ip";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        Optional<TypedValue> address = InputText.isStructured(input) ? Optional.empty() : address(raw);
        return address.orElseGet(() -> new TypedValue(name(), raw, raw, false, Map.of()));
    }

    private Optional<TypedValue> address(String raw) {
        Optional<int[]> plainIpv4 = IpLiteral.ipv4(raw);
        if (plainIpv4.isPresent()) {
            // The usual value, a bare IPv4 address: reading it as a URL host below would find the same octets.
            return Optional.of(ipv4Value(raw, plainIpv4.get()));
        }
        String text = SCHEME.matcher(WHITESPACE.matcher(raw).replaceAll("")).replaceFirst("");
        if (!IPV4_AT_START.matcher(text).find() && !text.startsWith("[")) {
            text = IPV6_AT_START.matcher(text).replaceFirst("[$1]");
        }
        Optional<String> host = HttpUrl.read("https://" + text).map(HttpUrl::hostname);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String hostname = host.get();
        if (hostname.startsWith("[")) {
            String ipv6 = hostname.substring(1, hostname.length() - 1);
            return Optional.of(new TypedValue(name(), raw, ipv6, true, Map.of("is_ipv4", false, "ipv6_format", ipv6)));
        }
        return IpLiteral.ipv4(hostname).map(octets -> ipv4Value(raw, octets));
    }

    /** An IPv4 address, whose IPv6 form is {@code ffff::} with the address as the last two pieces. */
    private TypedValue ipv4Value(String raw, int[] octets) {
        int[] ipv6 = new int[IPV6_PIECES];
        ipv6[0] = 0xffff;
        ipv6[IPV6_PIECES - 2] = octets[0] << 8 | octets[1];
        ipv6[IPV6_PIECES - 1] = octets[2] << 8 | octets[3];
        return new TypedValue(name(), raw, IpLiteral.ipv4Text(octets), true, Map.of(
                "is_ipv4", true,
                "ipv6_format", IpLiteral.ipv6Text(ipv6)));
    }
}
