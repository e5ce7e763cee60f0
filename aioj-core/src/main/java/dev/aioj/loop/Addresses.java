package dev.aioj.loop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host and port into a socket address without blocking the loop: IP
 * literals are parsed at once, names are looked up on the offload executor
 * (a DNS query can take seconds).
 */
final class Addresses {

    private Addresses() {}

    static CompletableFuture<InetSocketAddress> resolve(EventLoop loop, String host, int port) {
        if (port < 0 || port > 0xFFFF) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("port out of range: " + port));
        }
        if (host == null) {
            return CompletableFuture.completedFuture(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        if (isLiteral(host)) {
            try {
                return CompletableFuture.completedFuture(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return loop.runBlocking(() -> {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new UnknownHostException(host);
            }
            return address;
        });
    }

    /** An IPv4 dotted quad or an IPv6 literal, which InetAddress parses without a lookup. */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
