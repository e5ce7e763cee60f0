package dev.aioj.server;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The sockets a server listens on, opened as Redis's {@code initServer}
 * opens them: TCP on {@code port} at every {@code bind} address, TLS on
 * {@code tls-port} at the same addresses, and a unix socket at {@code
 * unixsocket} with {@code unixsocketperm}. {@code *} is every IPv4 address
 * and {@code ::*} every IPv6 one; a {@code -} before an address skips it
 * when the machine does not have it. When both wildcards are asked for, the
 * IPv6 one is bound first and, being dual-stack in Java, also takes IPv4
 * (Java cannot set IPV6_V6ONLY). A listener that cannot be opened closes
 * those already open and fails the start, naming it.
 *
 * <p>Thread contract: {@link #open} from any thread; the rest from any
 * thread once open.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final List<Server> tcp = new ArrayList<>();
    private final List<Server> tls = new ArrayList<>();
    private Server unix;

    private Listeners() {}

    /** Opens every listener {@code state}'s configuration asks for, on {@code loop}. */
    static CompletableFuture<Listeners> open(ServerState state, EventLoop loop) {
        Listeners l = new Listeners();
        ServerConfig config = state.config;
        List<String> bind = SpecialTypes.Bind.addresses(state.live.get(NetworkDirectives.BIND));
        Supplier<Protocol> clients = () -> new Client(state);
        Supplier<Protocol> tlsClients = () -> state.tls.wrap(() -> new Client(state)).get();
        CompletableFuture<Void> opening = CompletableFuture.completedFuture(null);
        if (config.port() != 0 || config.anyFreePort()) {
            opening = opening.thenCompose(v -> l.openAll(loop, bind, config.port(), clients, l.tcp, "TCP"));
        }
        if (config.tlsPort() != 0 || config.anyFreeTlsPort()) {
            opening = opening.thenCompose(v -> l.openAll(loop, bind, config.tlsPort(), tlsClients, l.tls, "TLS"));
        }
        Path socket = config.unixSocket();
        if (socket != null) {
            opening = opening.thenCompose(v -> l.openUnix(loop, socket, state.live.number(
                    NetworkDirectives.UNIXSOCKETPERM), clients));
        }
        return opening.handle((v, error) -> {
            if (error == null && l.tcp.isEmpty() && l.tls.isEmpty() && l.unix == null) {
                error = ConfigException.general("Configured to not listen anywhere, exiting.");
            }
            if (error != null) {
                l.close();
                throw error instanceof CompletionException ce ? ce : new CompletionException(error);
            }
            return l;
        });
    }

    /** Binds {@code port} at each address in turn; port 0 binds a free port once and reuses it for the rest. */
    private CompletableFuture<Void> openAll(EventLoop loop, List<String> bind, int port, Supplier<Protocol> factory,
            List<Server> into, String kind) {
        List<String> addresses = wildcardsFirst(bind);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String entry : addresses) {
            chain = chain.thenCompose(v -> {
                boolean optional = entry.startsWith("-");
                String host = host(optional ? entry.substring(1) : entry);
                if (host.equals("0.0.0.0") && into.stream().anyMatch(Listeners::isIpv6Wildcard)) {
                    return CompletableFuture.completedFuture(null); // the dual-stack :: listener takes IPv4 too
                }
                int chosen = into.isEmpty() ? port : into.get(0).port();
                return loop.createServer(factory, host, chosen).handle((server, error) -> {
                    if (error == null) {
                        into.add(server);
                        return null;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    LOG.log(System.Logger.Level.WARNING, "Warning: Could not create server TCP listening socket "
                            + "{0}:{1,number,#}: {2}", host, chosen, cause.getMessage());
                    if ((optional && notAvailable(cause)) || familyUnsupported(cause)) {
                        return null;
                    }
                    String where = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + chosen;
                    throw new CompletionException(new ListenFailure(kind, where, chosen, asIo(cause)));
                });
            });
        }
        return chain;
    }

    private CompletableFuture<Void> openUnix(EventLoop loop, Path path, long permissions, Supplier<Protocol> factory) {
        return loop.createServer(factory, UnixDomainSocketAddress.of(path)).handle((server, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                LOG.log(System.Logger.Level.WARNING, "Failed opening Unix socket: {0}", cause.getMessage());
                throw new CompletionException(new ListenFailure("unix", path.toString(), 0, asIo(cause)));
            }
            unix = server;
            if (permissions != 0) {
                try {
                    Files.setPosixFilePermissions(path, posix(permissions));
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot set the permissions of {0}: {1}", path, e.getMessage());
                }
            }
            return null;
        });
    }

    private static IOException asIo(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    /** {@code 0700} and the like as Java's permission set. */
    static Set<PosixFilePermission> posix(long mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1L << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** IPv6 wildcards first, so the dual-stack one is bound before the IPv4 one it covers. */
    private static List<String> wildcardsFirst(List<String> bind) {
        List<String> ordered = new ArrayList<>();
        for (String b : bind) {
            if (host(b.startsWith("-") ? b.substring(1) : b).equals("::")) {
                ordered.add(b);
            }
        }
        boolean hasV4Wildcard = bind.stream().anyMatch(b -> host(b.startsWith("-") ? b.substring(1) : b)
                .equals("0.0.0.0"));
        if (!hasV4Wildcard) {
            return bind;
        }
        for (String b : bind) {
            if (!ordered.contains(b)) {
                ordered.add(b);
            }
        }
        return ordered;
    }

    /** Redis's wildcards as Java binds them. */
    private static String host(String address) {
        return switch (address) {
            case "*" -> "0.0.0.0";
            case "::*" -> "::";
            default -> address;
        };
    }

    private static boolean isIpv6Wildcard(Server s) {
        return s.localAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isAnyLocalAddress() && inet.getAddress().getAddress().length == 16;
    }

    /** EADDRNOTAVAIL: the machine has no such address. */
    private static boolean notAvailable(Throwable e) {
        return e instanceof BindException && String.valueOf(e.getMessage()).contains("Cannot assign requested");
    }

    /** EAFNOSUPPORT and its kin: no IPv6 (or IPv4) here at all. */
    private static boolean familyUnsupported(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return e instanceof SocketException && (m.contains("family") || m.contains("Protocol not supported"));
    }

    /** The TCP port, or -1 without TCP. */
    int port() {
        return tcp.isEmpty() ? -1 : tcp.get(0).port();
    }

    /** The TLS port, or -1 without TLS. */
    int tlsPort() {
        return tls.isEmpty() ? -1 : tls.get(0).port();
    }

    /** The first TCP address, or null without TCP. */
    InetSocketAddress tcpAddress() {
        return tcp.isEmpty() ? null : (InetSocketAddress) tcp.get(0).localAddress();
    }

    /** The unix socket's path, or null. */
    Path unixSocket() {
        return unix == null ? null : ((UnixDomainSocketAddress) unix.localAddress()).getPath();
    }

    /** Every address listened on: TCP, then TLS, then the unix socket. */
    List<SocketAddress> addresses() {
        List<SocketAddress> all = new ArrayList<>();
        tcp.forEach(s -> all.add(s.localAddress()));
        tls.forEach(s -> all.add(s.localAddress()));
        if (unix != null) {
            all.add(unix.localAddress());
        }
        return all;
    }

    /** Stops listening (a unix socket's file is removed). */
    void close() {
        tcp.forEach(Server::close);
        tls.forEach(Server::close);
        if (unix != null) {
            unix.close();
        }
    }

    /** Completes once every listener and the connections it accepted are closed. */
    CompletableFuture<Void> waitClosed() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        tcp.forEach(s -> all.add(s.waitClosed()));
        tls.forEach(s -> all.add(s.waitClosed()));
        if (unix != null) {
            all.add(unix.waitClosed());
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (SocketAddress a : addresses()) {
            b.append(b.isEmpty() ? "" : ", ").append(ClientInfo.address(a));
        }
        return b.toString();
    }
}
