package dev.aioj.server;

import dev.aioj.server.RdbInput.RdbException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Loads a multi-part AOF on start (Redis's {@code loadAppendOnlyFiles}):
 * the base (an RDB preamble, or commands), then each incremental file in
 * the manifest's order, every command run by a client of its own whose
 * replies go nowhere. A last file that ends in the middle of a command (a
 * crash mid-write) is cut back to its last whole command when {@code
 * aof-load-truncated} is yes, as Redis does, and refused otherwise; a
 * transaction left open at the end is dropped the same way.
 *
 * <p>Thread contract: the thread starting the server, before it serves.
 */
final class AofLoader {

    private static final System.Logger LOG = System.getLogger(AofLoader.class.getName());

    private AofLoader() {}

    /** A file that cannot be loaded, with Redis's reason. */
    static final class AofException extends Exception {
        private static final long serialVersionUID = 1L;

        AofException(String message) {
            super(message);
        }
    }

    /** Loads every file of {@code aof}'s manifest; returns the manifest. */
    static AofManifest load(ServerState s, AppendOnlyFile aof) throws IOException, AofException, RdbException {
        AofManifest m = AofManifest.read(aof.manifestPath());
        Client client = new Client(s);
        client.authenticated = true;
        client.reply.mute();
        aof.loading(true);
        try {
            if (m.base != null) {
                Path base = aof.directory().resolve(m.base.name());
                if (isRdb(base)) {
                    try (InputStream is = Files.newInputStream(base)) {
                        RdbFile.Loaded loaded = RdbFile.read(new RdbInput(is, Files.size(base)), s, false);
                        RdbFile.install(s, loaded);
                    }
                } else {
                    replay(s, client, base, false);
                }
            }
            for (int i = 0; i < m.incrs.size(); i++) {
                replay(s, client, aof.directory().resolve(m.incrs.get(i).name()), i == m.incrs.size() - 1);
            }
        } finally {
            aof.loading(false);
        }
        return m;
    }

    private static boolean isRdb(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file)) {
            byte[] magic = is.readNBytes(5);
            return new String(magic, StandardCharsets.US_ASCII).equals("REDIS");
        }
    }

    /** Runs the commands of one file; {@code last}: a truncated tail may be repaired. */
    private static void replay(ServerState s, Client client, Path file, boolean last) throws IOException, AofException {
        if (!Files.exists(file)) {
            throw new AofException("The AOF file " + file.getFileName() + " doesn't exist");
        }
        long validUpTo = 0;
        long multiStart = -1;
        boolean truncated = false;
        try (CountingInput in = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                long start = in.count;
                int first = in.read();
                if (first < 0) {
                    break;
                }
                if (first == '#') { // an annotation (aof-timestamp-enabled)
                    if (in.line() == null) {
                        truncated = true;
                        break;
                    }
                    validUpTo = in.count;
                    continue;
                }
                if (first != '*') {
                    throw new AofException("Bad file format reading the append only file " + file.getFileName()
                            + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
                }
                byte[][] argv = in.command();
                if (argv == null) {
                    truncated = true;
                    break;
                }
                String name = new String(argv[0], StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                if (name.equals("multi")) {
                    multiStart = start;
                } else if (name.equals("exec")) {
                    multiStart = -1;
                }
                if (s.commands.get(argv[0]) == null) {
                    throw new AofException("Unknown command '" + name + "' reading the append only file "
                            + file.getFileName());
                }
                s.dispatcher.dispatch(client, argv);
                validUpTo = in.count;
            }
        }
        if (multiStart >= 0) {
            truncated = true;
            validUpTo = Math.min(validUpTo, multiStart);
            if (client.inMulti()) {
                TransactionCommands.discard(client);
            }
        }
        if (truncated) {
            if (!last || !s.live.bool(PersistenceDirectives.AOF_LOAD_TRUNCATED)) {
                throw new AofException("Unexpected end of file reading the append only file " + file.getFileName()
                        + ". You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix "
                        + "<filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration "
                        + "option to yes and restart the server.");
            }
            LOG.log(System.Logger.Level.WARNING, "!!! Warning: short read while loading the AOF file {0}!!!",
                    file.getFileName());
            LOG.log(System.Logger.Level.WARNING, "AOF {0} loaded anyway because aof-load-truncated is enabled",
                    file.getFileName());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(validUpTo);
                ch.force(true);
            }
        }
    }

    /** Reads RESP commands, counting bytes; null for a command cut short by the end of the input. */
    private static final class CountingInput implements AutoCloseable {
        private final InputStream in;
        long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        /** The rest of a line without its CRLF, or null at the end of the input. */
        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            while (true) {
                int c = read();
                if (c < 0) {
                    return null;
                }
                if (c == '\r') {
                    int n = read();
                    if (n < 0) {
                        return null;
                    }
                    return b.toString();
                }
                b.append((char) c);
            }
        }

        byte[][] command() throws IOException, AofException {
            String n = line();
            if (n == null) {
                return null;
            }
            int argc = parse(n);
            byte[][] argv = new byte[argc][];
            for (int i = 0; i < argc; i++) {
                int d = read();
                if (d < 0) {
                    return null;
                }
                if (d != '$') {
                    throw new AofException("Bad file format reading the append only file: expected '$', got '"
                            + (char) d + "'");
                }
                String len = line();
                if (len == null) {
                    return null;
                }
                int l = parse(len);
                byte[] arg = in.readNBytes(l);
                count += arg.length;
                if (arg.length < l) {
                    return null;
                }
                argv[i] = arg;
                int cr = read();
                int lf = read();
                if (cr < 0 || lf < 0) {
                    return null;
                }
            }
            if (argc == 0) {
                throw new AofException("Bad file format reading the append only file: an empty command");
            }
            return argv;
        }

        private static int parse(String n) throws AofException {
            try {
                return Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new AofException("Bad file format reading the append only file: '" + n + "'");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
