package io.leadflow.flow.http;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The SSRF guard: resolves addresses like the default resolver, then refuses loopback, private, link-local,
 * unique-local, carrier-grade NAT and multicast addresses. It runs when connecting, after DNS, so a public name that
 * resolves to a private address is refused too.
 */
final class PrivateAddressGuard extends AddressResolverGroup<InetSocketAddress> {

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        AddressResolver<InetSocketAddress> delegate = DefaultAddressResolverGroup.INSTANCE.getResolver(executor);
        return new AbstractAddressResolver<>(executor) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                return false;
            }

            @Override
            protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
                if (!address.isUnresolved()) {
                    check(List.of(address), promise, address);
                    return;
                }
                delegate.resolve(address).addListener((Future<InetSocketAddress> resolved) -> {
                    if (resolved.isSuccess()) {
                        check(List.of(resolved.getNow()), promise, resolved.getNow());
                    } else {
                        promise.setFailure(resolved.cause());
                    }
                });
            }

            @Override
            protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
                if (!address.isUnresolved()) {
                    check(List.of(address), promise, List.of(address));
                    return;
                }
                delegate.resolveAll(address).addListener((Future<List<InetSocketAddress>> resolved) -> {
                    if (resolved.isSuccess()) {
                        check(resolved.getNow(), promise, resolved.getNow());
                    } else {
                        promise.setFailure(resolved.cause());
                    }
                });
            }
        };
    }

    private static <T> void check(List<InetSocketAddress> addresses, Promise<T> promise, T result) {
        if (addresses.stream().anyMatch(address -> isPrivate(address.getAddress()))) {
            promise.setFailure(new PrivateAddressException());
        } else {
            promise.setSuccess(result);
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address == null) {
            return true;
        }
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19));
    }

    /** The address a URL resolved to is not public. */
    static final class PrivateAddressException extends java.net.ConnectException {
        PrivateAddressException() {
            super("Address is not public");
        }
    }
}
