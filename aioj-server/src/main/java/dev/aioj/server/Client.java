package dev.aioj.server;

import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connected client: the {@link Protocol} the loop drives for its socket,
 * and the per-connection state of Redis's {@code client} struct (selected
 * database, protocol version, name, transaction, subscriptions, blocking).
 *
 * <p>Input: {@link #dataReceived} copies the bytes into the {@link
 * RequestParser} and runs every complete command at once, in order; then the
 * replies of the whole batch go to the transport together ({@link
 * ReplyWriter#flush}). Processing pauses while the client is blocked (BLPOP)
 * and after a reply that closes the connection (QUIT, protocol error).
 *
 * <p>Limits, checked as Redis checks them: connections over {@code
 * maxclients} and, in protected mode, non-loopback connections without a
 * password are refused with Redis's error; input beyond the query buffer
 * limit, and unread output beyond the output buffer limit of the client's
 * class (normal or pubsub), disconnect the client. The output check is cheap:
 * it runs only while the transport reports its write buffer above the high
 * water mark ({@link #pauseWriting}).
 *
 * <p>Thread contract: the server's loop thread only (the loop calls the
 * protocol methods there).
 */
final class Client implements Protocol {

    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    final ServerState server;
    final long id;
    final RequestParser parser;
    final ReplyWriter reply;
    Transport transport;
    Database db;
    byte[] name;
    boolean authenticated;
    final long createdMillis;
    long lastInteractionMillis;
    String lastCommand = "NULL";
    /**
     * Time a command spent that its handler's own run does not show (DEBUG
     * SLEEP pauses the server and returns): added to the command's measured
     * duration, then cleared.
     */
    long extraDurationNanos;
    /**
     * The arguments of the running command not to be shown in SLOWLOG and
     * MONITOR (bit j: argument j), set by the command (AUTH's password),
     * cleared after it: Redis's redactClientCommandArgument.
     */
    long redactedArgs;
    /** What SLOWLOG and MONITOR show instead of a redacted argument. */
    static final byte[] REDACTED = "(redacted)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    /** CLIENT REPLY OFF: no replies until CLIENT REPLY ON. */
    boolean replyOff;
    /** CLIENT REPLY SKIP: the next command's reply is dropped. */
    boolean replySkipNext;
    /** MONITOR: this client receives the MONITOR feed. */
    boolean monitor;
    /** CLIENT NO-EVICT ON (there is no client eviction here; CLIENT LIST shows the flag). */
    boolean noEvict;

    // MULTI/EXEC
    List<byte[][]> queued; // non-null inside MULTI
    List<Command> queuedCommands;
    boolean dirtyExec;
    boolean dirtyCas;
    boolean inExec;
    final List<Watches.WatchedKey> watched = new ArrayList<>(0);

    /** CLIENT TRACKING state, created when first turned on. */
    Tracking.ClientState tracking;

    // Pub/Sub (created on first use)
    Set<Bytes> channels;
    Set<Bytes> patterns;

    /** While a script this client called runs: its next commands wait (Redis's protectClient). */
    boolean runningScript;

    // BLPOP/BRPOP
    BlockedClients.BlockState blocked;

    private boolean registered;
    private boolean closeAfterReply;
    private boolean closed;
    private boolean writingPaused;
    private boolean resumeScheduled;
    private long softLimitSinceMillis;

    Client(ServerState server) {
        this.server = server;
        this.id = server.nextClientId++;
        this.parser = new RequestParser(server.protoMaxBulkLen);
        this.reply = new ReplyWriter(server.stats);
        this.db = server.dbs[0];
        this.createdMillis = server.now();
        this.lastInteractionMillis = createdMillis;
    }

    // ------------------------------------------------------------------ Protocol

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        reply.attach(transport);
        if (server.clients.size() >= server.maxClients) {
            refuse(Errors.MAX_CLIENTS);
            return;
        }
        if (server.protectedMode && server.requirePass == null && !isLoopback(transport.remoteAddress())) {
            refuse(Errors.PROTECTED_MODE);
            return;
        }
        authenticated = server.requirePass == null;
        server.clients.put(id, this);
        registered = true;
        server.stats.connectionsReceived++;
    }

    private void refuse(String error) {
        server.stats.rejectedConnections++;
        reply.raw(ReplyWriter.ascii("-" + error + "\r\n")); // written as is, like Redis's connWrite
        reply.flush();
        closed = true;
        transport.close();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closed) {
            return;
        }
        server.stats.netInputBytes += data.remaining();
        lastInteractionMillis = server.now();
        server.access.tick(lastInteractionMillis);
        parser.append(data);
        if (parser.buffered() > server.clientQueryBufferLimit) {
            LOG.log(System.Logger.Level.WARNING, "Closing client that reached max query buffer length: {0}",
                    ClientInfo.describe(this));
            server.stats.queryLimitDisconnections++;
            disconnect();
            return;
        }
        processInput();
    }

    @Override
    public boolean eofReceived() {
        return false; // Redis frees a client on EOF; replies already queued are still sent
    }

    @Override
    public void connectionLost(Throwable cause) {
        closed = true;
        if (cause != null) {
            LOG.log(System.Logger.Level.DEBUG, "client " + id + " lost: " + cause);
        }
        release();
    }

    /**
     * Leaves every registry (clients, blocked keys, channels, watched keys).
     * Runs as soon as the client is known to be gone, not when the loop later
     * reports the connection lost: a push in between must not hand an element
     * to a client that will never read it. Idempotent.
     */
    private void release() {
        if (!registered) {
            return;
        }
        registered = false;
        server.clients.remove(id);
        server.blocking.unblock(this);
        server.pubsub.forget(this);
        server.watches.unwatchAll(this);
        server.tracking.disable(this);
        server.monitors.remove(this);
        queued = null;
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
        checkOutputLimits();
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        softLimitSinceMillis = 0;
    }

    // ------------------------------------------------------------------ processing

    /** Runs every complete buffered command, then hands the replies to the transport. */
    void processInput() {
        while (!closed && !closeAfterReply && blocked == null && !runningScript && !server.pause.active()) {
            byte[][] argv = parser.next(!authenticated);
            if (argv == null) {
                String error = parser.error();
                if (error != null) {
                    LOG.log(System.Logger.Level.DEBUG, "Protocol error ({0}) from client: {1}", error,
                            ClientInfo.describe(this));
                    reply.error("ERR " + error);
                    closeAfterReply = true;
                }
                break;
            }
            server.dispatcher.dispatch(this, argv);
            if (writingPaused && checkOutputLimits()) {
                return;
            }
        }
        reply.flush();
        if (closeAfterReply && !closed) {
            closed = true;
            transport.close();
        }
    }

    /** After a blocking command was served or timed out: send its reply, then go on with the input. */
    void resumeSoon() {
        reply.flush();
        if (writingPaused && checkOutputLimits()) {
            return;
        }
        if (!resumeScheduled) {
            resumeScheduled = true;
            server.loop.execute(() -> {
                resumeScheduled = false;
                if (!closed) {
                    processInput();
                }
            });
        }
    }

    /** A pub/sub message for this client, already encoded for its protocol. */
    void deliver(byte[] frame) {
        if (closed) {
            return;
        }
        reply.pushFrame(frame);
        reply.flush();
        if (writingPaused) {
            checkOutputLimits();
        }
    }

    /**
     * A reply that is not an answer to one of this client's commands
     * (a MONITOR line): sent at once, unless CLIENT REPLY OFF silences it.
     */
    void deliverReply(byte[] frame) {
        if (closed || replyOff) {
            return;
        }
        deliver(frame);
    }

    /** Hides argument {@code j} of the running command from SLOWLOG and MONITOR. */
    void redact(int j) {
        if (j < 64) {
            redactedArgs |= 1L << j;
        }
    }

    boolean isRedacted(int j) {
        return j < 64 && (redactedArgs & (1L << j)) != 0;
    }

    /** Closes the connection once the replies so far are sent (QUIT). */
    void closeAfterReply() {
        closeAfterReply = true;
    }

    /** Closes at once, dropping unsent replies (CLIENT KILL, limits, SHUTDOWN). */
    void disconnect() {
        if (!closed) {
            closed = true;
            transport.abort();
        }
        release();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Disconnects this client if its unread output passes its class's limit
     * (Redis's checkClientOutputBufferLimits).
     *
     * @return true if the client was disconnected
     */
    boolean checkOutputLimits() {
        if (closed) {
            return true;
        }
        long pending = reply.buffered() + transport.writeBufferSize();
        ServerConfig.OutputBufferLimit limit = isSubscribed() ? server.pubsubOutputLimit : server.normalOutputLimit;
        boolean over = limit.hardBytes() > 0 && pending >= limit.hardBytes();
        if (!over && limit.softBytes() > 0 && pending >= limit.softBytes()) {
            long now = server.now();
            if (softLimitSinceMillis == 0) {
                softLimitSinceMillis = now;
            } else if (now - softLimitSinceMillis > limit.softDuration().toMillis()) {
                over = true;
            }
        } else if (!over) {
            softLimitSinceMillis = 0;
        }
        if (!over) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING,
                "Client {0} closed for overcoming of output buffer limits.", ClientInfo.describe(this));
        server.stats.outputLimitDisconnections++;
        disconnect();
        return true;
    }

    /** Bytes of replies not yet sent: buffered here and queued in the transport. */
    long pendingOutput() {
        return reply.buffered() + (transport == null ? 0 : transport.writeBufferSize());
    }

    // ------------------------------------------------------------------ state queries

    boolean inMulti() {
        return queued != null;
    }

    boolean isSubscribed() {
        return (channels != null && !channels.isEmpty()) || (patterns != null && !patterns.isEmpty());
    }

    int subscriptionCount() {
        return (channels == null ? 0 : channels.size()) + (patterns == null ? 0 : patterns.size());
    }

    Set<Bytes> channels() {
        if (channels == null) {
            channels = new LinkedHashSet<>();
        }
        return channels;
    }

    Set<Bytes> patterns() {
        if (patterns == null) {
            patterns = new LinkedHashSet<>();
        }
        return patterns;
    }

    /** Whether the peer is on this machine (127.0.0.0/8, ::1): SHUTDOWN and protected mode ask. */
    boolean isLocal() {
        return transport != null && isLoopback(transport.remoteAddress());
    }

    static boolean isLoopback(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress a = inet.getAddress();
            return a != null && a.isLoopbackAddress();
        }
        return address != null; // unix domain sockets are local
    }

    @Override
    public String toString() {
        return "Client[id=" + id + "]";
    }
}
