package dev.aioj.loop;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What differs between TCP and unix domain sockets for {@link TcpServer} and
 * {@link TcpConnector}: which channel to open, which options apply, and the
 * socket file a unix server leaves in the file system.
 *
 * <p>The socket file. A unix server's path outlives its process if nobody
 * removes it, and a later bind then fails with "address in use". asyncio's
 * {@code create_unix_server} removes any socket file found at the path before
 * binding, even one a live server is listening on. We remove it only when it
 * is <em>stale</em>: it is a socket, and a connect to it is refused. A path a
 * live server answers on fails the bind with a {@link BindException} naming
 * it; a path that is not a socket (a regular file, a directory) is never
 * touched. On close the server removes its file, but only if it is still the
 * file it created (same file key), as asyncio 3.13 does, so a server that
 * replaced it is not broken.
 *
 * <p>Thread contract: stateless; callers say which thread.
 */
final class UnixSockets {

    private static final System.Logger LOG = System.getLogger(UnixSockets.class.getName());

    private UnixSockets() {}

    /** A listening channel of the address's family, unbound. */
    static ServerSocketChannel openServerChannel(SelectorProvider provider, SocketAddress address) throws IOException {
        return address instanceof UnixDomainSocketAddress
                ? provider.openServerSocketChannel(StandardProtocolFamily.UNIX)
                : provider.openServerSocketChannel();
    }

    /** A connecting channel of the address's family. */
    static SocketChannel openChannel(SelectorProvider provider, SocketAddress address) throws IOException {
        return address instanceof UnixDomainSocketAddress
                ? provider.openSocketChannel(StandardProtocolFamily.UNIX)
                : provider.openSocketChannel();
    }

    /** TCP options such as {@code TCP_NODELAY} exist only for internet sockets; unix sockets reject them. */
    static boolean isInet(SocketAddress address) {
        return address instanceof InetSocketAddress;
    }

    /**
     * Before binding a unix server: removes a stale socket file at the path,
     * refuses a path a live server answers on. See the class comment.
     */
    static void prepareBind(SelectorProvider provider, UnixDomainSocketAddress address) throws IOException {
        Path path = address.getPath();
        if (path.toString().isEmpty()) {
            return; // an unnamed address: the JDK picks a fresh path
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException free) {
            return;
        }
        if (!attributes.isOther()) {
            throw new BindException("cannot bind a unix socket to " + path + ": the path exists and is not a socket");
        }
        if (isLive(provider, address)) {
            throw new BindException("cannot bind a unix socket to " + path + ": a server is listening on it");
        }
        LOG.log(System.Logger.Level.DEBUG, "removing stale unix socket file {0}", path);
        Files.deleteIfExists(path);
    }

    /** Whether a server accepts (or queues) a connect on {@code address}; never blocks. */
    private static boolean isLive(SelectorProvider provider, UnixDomainSocketAddress address) throws IOException {
        try (SocketChannel probe = provider.openSocketChannel(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(address); // true: accepted; false: pending in a full backlog, also live
            return true;
        } catch (ConnectException refused) {
            return false; // ECONNREFUSED: nobody listens, the file is left over
        }
    }

    /** The file key of a bound unix server's socket file, or null (not unix, unnamed, or unreadable). */
    static Object socketFileKey(SocketAddress bound) {
        if (!(bound instanceof UnixDomainSocketAddress unix) || unix.getPath().toString().isEmpty()) {
            return null;
        }
        try {
            return Files.readAttributes(unix.getPath(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** After a unix server closed: removes its socket file if it is still the one it bound. */
    static void removeSocketFile(SocketAddress bound, Object fileKey) {
        if (!(bound instanceof UnixDomainSocketAddress unix) || unix.getPath().toString().isEmpty()) {
            return;
        }
        Path path = unix.getPath();
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            if (fileKey == null || Objects.equals(fileKey, current)) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException gone) {
            // someone removed it already
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove unix socket file " + path, e);
        }
    }
}
