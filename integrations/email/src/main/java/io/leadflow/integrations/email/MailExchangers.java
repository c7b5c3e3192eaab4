package io.leadflow.integrations.email;

import io.leadflow.integration.IntegrationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where a domain takes its mail, asked of a DNS resolver without blocking: its MX hosts by preference, else (RFC 5321's
 * implicit MX) whether it has an address at all. A resolver that fails or does not answer in time is an
 * {@link IntegrationException} naming the problem.
 */
final class MailExchangers {

    /** What the DNS said about a domain's mail. */
    enum Verdict { MX, IMPLICIT_MX, NULL_MX, NO_MAIL_SERVER, NO_DOMAIN }

    record Answer(Verdict verdict, List<String> hosts) {
    }

    /** {@code 10.0.0.2}, {@code 10.0.0.2:5353}, {@code ::1}, {@code [::1]:5353}: IP literals only, never a name to look up. */
    private static final Pattern SERVER = Pattern.compile(
            "((?:[0-9]{1,3}\\.){3}[0-9]{1,3})(?::([0-9]{1,5}))?|\\[?([0-9a-fA-F]*:[0-9a-fA-F:.]*)(?:]:([0-9]{1,5}))?]?");

    private final Resolver resolver;
    private final Duration timeout;

    private MailExchangers(Resolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
    }

    /** Asks {@code server} ({@code 10.0.0.2}, {@code 127.0.0.1:5353}, {@code [::1]:53}), or the system's resolvers. */
    static MailExchangers using(Optional<InetSocketAddress> server, Duration timeout) {
        Resolver resolver = server.isPresent() ? new SimpleResolver(server.get()) : new ExtendedResolver();
        resolver.setTimeout(timeout);
        return new MailExchangers(resolver, timeout);
    }

    /** A resolver address as written: an IP literal with an optional port (53 by default); empty when it is not one. */
    static Optional<InetSocketAddress> parseServer(String text) {
        Matcher matcher = SERVER.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String address = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
        if (matcher.group(1) != null && Stream.of(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return Optional.empty();
        }
        String port = matcher.group(1) != null ? matcher.group(2) : matcher.group(4);
        try {
            int number = port == null ? 53 : Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(InetAddress.getByName(address), number));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    CompletableFuture<Answer> lookup(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(new Answer(Verdict.NO_DOMAIN, List.of()));
        }
        return query(name, Type.MX).thenCompose(mx -> {
            if (mx.getRcode() == Rcode.NXDOMAIN) {
                return CompletableFuture.completedFuture(new Answer(Verdict.NO_DOMAIN, List.of()));
            }
            List<MXRecord> records = mx.getSection(Section.ANSWER).stream()
                    .filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                    .sorted(Comparator.comparingInt(MXRecord::getPriority)).toList();
            if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
                return CompletableFuture.completedFuture(new Answer(Verdict.NULL_MX, List.of()));
            }
            if (!records.isEmpty()) {
                return CompletableFuture.completedFuture(new Answer(Verdict.MX, records.stream()
                        .map(record -> record.getTarget().toString(true)).distinct().toList()));
            }
            return hasAddress(name, Type.A).thenCompose(ipv4 -> ipv4
                    ? CompletableFuture.completedFuture(true) : hasAddress(name, Type.AAAA))
                    .thenApply(any -> new Answer(any ? Verdict.IMPLICIT_MX : Verdict.NO_MAIL_SERVER, List.of()));
        }).orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(explained(failure)));
    }

    /** {@code 5 s}, {@code 0.5 s}. */
    static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private CompletableFuture<Boolean> hasAddress(Name name, int type) {
        return query(name, type).thenApply(answer -> answer.getSection(Section.ANSWER).stream()
                .anyMatch(record -> record.getType() == type));
    }

    /** One query; an answer other than NOERROR or NXDOMAIN (SERVFAIL, REFUSED) fails the lookup. */
    private CompletableFuture<Message> query(Name name, int type) {
        Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(question).toCompletableFuture().thenApply(answer -> {
            int rcode = answer.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                throw new IntegrationException("DNS lookup of the domain failed: " + Rcode.string(rcode));
            }
            return answer;
        });
    }

    private IntegrationException explained(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IntegrationException integration) {
            return integration;
        }
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
            return new IntegrationException("DNS lookup of the domain timed out after " + seconds(timeout));
        }
        return new IntegrationException("DNS lookup of the domain failed: " + cause.getClass().getSimpleName());
    }
}
