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
        return IpLiteral.ipv4(hostname).map(octets -> new TypedValue(name(), raw, hostname, true, Map.of(
                "is_ipv4", true,
                "ipv6_format", IpLiteral.ipv6Text(IpLiteral.ipv6("ffff::" + hostname).orElseThrow()))));
    }
}
