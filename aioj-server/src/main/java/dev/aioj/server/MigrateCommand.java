package dev.aioj.server;

import static dev.aioj.server.Command.WRITE;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * MIGRATE (Redis's {@code migrateCommand}): the keys DUMPed here, sent as
 * RESTORE commands (after AUTH and SELECT) to another Redis, and deleted
 * here once the target accepted them, unless COPY. Redis blocks its main
 * thread meanwhile; here the network work runs on an offload thread while
 * every client waits ({@link ServerPause#pauseUntil}), so the move is as
 * atomic as in Redis and the loop thread never blocks. Connections to a
 * target are kept for 10 s of idleness and reused, as Redis's
 * migrateGetSocket does.
 *
 * <p>Thread contract: the server's loop thread; the socket work on the
 * offload executor, one MIGRATE at a time (the server is paused).
 */
final class MigrateCommand {

    private MigrateCommand() {}

    /** Redis's MIGRATE_SOCKET_CACHE_TTL. */
    static final long SOCKET_TTL_MILLIS = 10_000;

    /** Cached connections by "host:port"; touched only by the thread doing one MIGRATE at a time. */
    static final class SocketCache {
        private final Map<String, Socket> sockets = new HashMap<>();
        private final Map<String, Long> lastUse = new HashMap<>();

        synchronized Socket get(String host, int port, int timeoutMillis) throws IOException {
            String name = host + ":" + port;
            Socket s = sockets.get(name);
            if (s != null && !s.isClosed()) {
                lastUse.put(name, System.currentTimeMillis());
                s.setSoTimeout(timeoutMillis);
                return s;
            }
            s = new Socket();
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            sockets.put(name, s);
            lastUse.put(name, System.currentTimeMillis());
            return s;
        }

        synchronized void close(String host, int port) {
            String name = host + ":" + port;
            Socket s = sockets.remove(name);
            lastUse.remove(name);
            closeQuietly(s);
        }

        /** Closes connections idle for more than {@link #SOCKET_TTL_MILLIS} (the cron). */
        synchronized void expire(long nowMillis) {
            Iterator<Map.Entry<String, Long>> it = lastUse.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Long> e = it.next();
                if (nowMillis - e.getValue() > SOCKET_TTL_MILLIS) {
                    closeQuietly(sockets.remove(e.getKey()));
                    it.remove();
                }
            }
        }

        synchronized int size() {
            return sockets.size();
        }

        private static void closeQuietly(Socket s) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a dead cached connection: nothing to do
                }
            }
        }
    }

    static void register(CommandTable.Builder t) {
        t.add("migrate", -6, WRITE, 3, 3, 1, "generic", "2.6.0",
                "Atomically transfers a key from one Redis instance to another.", MigrateCommand::migrate);
    }

    static void migrate(Client c, byte[][] argv) {
        boolean copy = false;
        boolean replace = false;
        byte[] user = null;
        byte[] password = null;
        int firstKey = 3;
        int numKeys = 1;
        for (int j = 6; j < argv.length; j++) {
            int more = argv.length - j - 1;
            if (Args.is(argv[j], "copy")) {
                copy = true;
            } else if (Args.is(argv[j], "replace")) {
                replace = true;
            } else if (Args.is(argv[j], "auth") && more >= 1) {
                password = argv[++j];
            } else if (Args.is(argv[j], "auth2") && more >= 2) {
                user = argv[++j];
                password = argv[++j];
            } else if (Args.is(argv[j], "keys")) {
                if (argv[3].length != 0) {
                    c.reply.error("ERR When using MIGRATE KEYS option, the key argument must be set to the empty "
                            + "string");
                    return;
                }
                firstKey = j + 1;
                numKeys = argv.length - j - 1;
                break;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        long port = Numbers.parseLongOr(argv[2], Long.MIN_VALUE);
        long timeout = Numbers.parseLongOr(argv[5], Long.MIN_VALUE);
        long dbid = Numbers.parseLongOr(argv[4], Long.MIN_VALUE);
        if (port == Long.MIN_VALUE || timeout == Long.MIN_VALUE || dbid == Long.MIN_VALUE) {
            c.reply.error(Errors.NOT_INTEGER);
            return;
        }
        if (timeout <= 0) {
            timeout = 1000;
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> commands = new ArrayList<>();
        if (password != null) {
            commands.add(user == null ? resp(bytes("AUTH"), password) : resp(bytes("AUTH"), user, password));
        }
        commands.add(resp(bytes("SELECT"), Numbers.toBytes(dbid)));
        int prelude = commands.size();
        long now = c.server.now();
        for (int i = 0; i < numKeys; i++) {
            byte[] key = argv[firstKey + i];
            Object value = c.db.lookupRead(key);
            if (value == null) {
                continue;
            }
            long expire = c.db.expireOf(key);
            long ttl = expire < 0 ? 0 : Math.max(1, expire - now);
            byte[] payload = DumpPayload.dump(c.server, value);
            keys.add(key);
            commands.add(replace ? resp(bytes("RESTORE"), key, Numbers.toBytes(ttl), payload, bytes("REPLACE"))
                    : resp(bytes("RESTORE"), key, Numbers.toBytes(ttl), payload));
        }
        if (keys.isEmpty()) {
            c.reply.simple("NOKEY");
            return;
        }
        String host = new String(argv[1], StandardCharsets.UTF_8);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout);
        SocketCache cache = c.server.migrateSockets;
        boolean keep = copy;
        Database db = c.db;
        java.util.concurrent.CompletableFuture<List<String>> sent = c.server.loop.runBlocking(
                () -> exchange(cache, host, (int) port, timeoutMillis, commands));
        c.server.pause.pauseUntil(sent, (replies, failure) -> {
            if (c.isClosed()) {
                return;
            }
            if (failure != null) {
                cache.close(host, (int) port);
                c.reply.error("IOERR error or timeout writing to target instance");
                return;
            }
            String error = null;
            for (int i = 0; i < replies.size(); i++) {
                String r = replies.get(i);
                if (r.startsWith("-")) {
                    if (error == null) {
                        error = r.substring(1);
                    }
                } else if (i >= prelude && !keep) {
                    byte[] key = keys.get(i - prelude);
                    if (db.delete(key)) {
                        db.notify(NotifyType.GENERIC, "del", key);
                    }
                }
            }
            if (error != null) {
                c.reply.error("ERR Target instance replied with error: " + error);
            } else {
                c.reply.ok();
            }
        });
    }

    /** Sends every command and reads one reply line per command (RESTORE, AUTH and SELECT answer one line). */
    private static List<String> exchange(SocketCache cache, String host, int port, int timeoutMillis,
            List<byte[]> commands) throws IOException {
        Socket s = cache.get(host, port, timeoutMillis);
        try {
            OutputStream out = s.getOutputStream();
            for (byte[] cmd : commands) {
                out.write(cmd);
            }
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                replies.add(line(in));
            }
            return replies;
        } catch (IOException e) {
            cache.close(host, port);
            throw e;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int ch = in.read();
            if (ch < 0) {
                throw new IOException("connection closed by the target");
            }
            if (ch == '\r') {
                in.read();
                return b.toString();
            }
            b.append((char) ch);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] resp(byte[]... args) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }
}
