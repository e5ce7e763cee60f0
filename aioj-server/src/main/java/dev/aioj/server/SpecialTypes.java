package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The directives Redis parses with rules of their own (its SPECIAL configs):
 * save, dir, bind, client-output-buffer-limit, oom-score-adj-values,
 * notify-keyspace-events, replicaof and latency-tracking-info-percentiles,
 * each with redis-server's error texts and CONFIG GET/REWRITE forms.
 *
 * <p>Thread contract: immutable types, any thread.
 */
final class SpecialTypes {

    private SpecialTypes() {}

    /** One {@code save <seconds> <changes>} rule: snapshot after that many changes within that many seconds. */
    record SaveRule(long seconds, long changes) {}

    /** {@code save}: a list of rules; {@code save ""} none. Several lines of a file add up; CONFIG SET replaces. */
    static final class Save implements DirectiveType.Special {
        @Override
        public Object defaultValue() {
            return List.of(); // Redis: 3600 1 300 100 60 10000; aioj snapshots only when told (see docs)
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() == 1 && args.get(0).isEmpty()) {
                context.firstSave(); // save "" empties the rules, in a file too; later lines add again
                return List.of();
            }
            List<String> words = args;
            if (words.size() % 2 != 0) {
                throw new DirectiveException("Invalid save parameters");
            }
            List<SaveRule> rules = new ArrayList<>();
            for (int j = 0; j < words.size(); j += 2) {
                Long seconds = DirectiveType.strtoll(words.get(j), 10);
                Long changes = DirectiveType.strtoll(words.get(j + 1), 10);
                if (seconds == null || changes == null || seconds < 1 || changes < 0) {
                    throw new DirectiveException("Invalid save parameters");
                }
                rules.add(new SaveRule(seconds, changes));
            }
            if (context.readingFile() && !context.firstSave()) {
                List<SaveRule> all = new ArrayList<>((List<SaveRule>) current);
                all.addAll(rules);
                return List.copyOf(all);
            }
            return List.copyOf(rules);
        }

        @Override
        public String format(Object value) {
            StringBuilder b = new StringBuilder();
            for (SaveRule rule : rules(value)) {
                b.append(b.isEmpty() ? "" : " ").append(rule.seconds()).append(' ').append(rule.changes());
            }
            return b.toString();
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            if (rules(value).isEmpty()) {
                return List.of(new DirectiveType.RewriteLine(name + " \"\"", true));
            }
            return rules(value).stream()
                    .map(r -> new DirectiveType.RewriteLine(name + " " + r.seconds() + " " + r.changes(), true))
                    .toList();
        }

        @SuppressWarnings("unchecked")
        static List<SaveRule> rules(Object value) {
            return (List<SaveRule>) value;
        }
    }

    /** {@code dir}: an existing directory, kept absolute; relative paths of later lines start there. */
    static final class Dir implements DirectiveType.Special {
        @Override
        public Object defaultValue() {
            return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() != 1) {
                throw new DirectiveException("wrong number of arguments");
            }
            Path dir = context.resolve(args.get(0));
            if (!Files.exists(dir)) {
                throw new DirectiveException("No such file or directory"); // chdir's strerror
            }
            if (!Files.isDirectory(dir)) {
                throw new DirectiveException("Not a directory");
            }
            if (!Files.isExecutable(dir)) {
                throw new DirectiveException("Permission denied");
            }
            context.changeDirectory(dir);
            return dir;
        }

        @Override
        public String format(Object value) {
            return value.toString();
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            return List.of(new DirectiveType.RewriteLine(name + " " + DirectiveType.quote(value.toString()), true));
        }
    }

    /**
     * {@code bind}: up to 16 addresses ({@code *} every IPv4 one, {@code ::*}
     * every IPv6 one, a {@code -} prefix for "skip if absent"); {@code bind
     * ""} none, so no TCP listener.
     */
    static final class Bind implements DirectiveType.Special {
        static final List<String> DEFAULT = List.of("127.0.0.1");

        @Override
        public Object defaultValue() {
            return DEFAULT; // Redis: * -::*, guarded by protected mode; aioj listens on loopback unless told
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() > 16) {
                throw new DirectiveException("Too many bind addresses specified.");
            }
            return args.size() == 1 && args.get(0).isEmpty() ? List.of() : List.copyOf(args);
        }

        @Override
        public String format(Object value) {
            return String.join(" ", addresses(value));
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            if (DEFAULT.equals(value)) {
                return List.of();
            }
            String words = addresses(value).isEmpty() ? "\"\"" : format(value);
            return List.of(new DirectiveType.RewriteLine(name + " " + words, true));
        }

        @SuppressWarnings("unchecked")
        static List<String> addresses(Object value) {
            return (List<String>) value;
        }
    }

    /** The three output buffer limit classes of {@code client-output-buffer-limit}. */
    record OutputLimits(ServerConfig.OutputBufferLimit normal, ServerConfig.OutputBufferLimit replica,
            ServerConfig.OutputBufferLimit pubsub) {

        static final OutputLimits DEFAULT = new OutputLimits(ServerConfig.DEFAULT_NORMAL_LIMIT,
                new ServerConfig.OutputBufferLimit(256L << 20, 64L << 20, Duration.ofSeconds(60)),
                ServerConfig.DEFAULT_PUBSUB_LIMIT);
    }

    /**
     * {@code client-output-buffer-limit <class> <hard> <soft> <seconds> ...}:
     * changes the classes named and keeps the others; all or nothing.
     */
    static final class ClientOutputBufferLimit implements DirectiveType.Special {
        @Override
        public Object defaultValue() {
            return OutputLimits.DEFAULT;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() % 4 != 0) {
                throw new DirectiveException("Wrong number of arguments in buffer limit configuration.");
            }
            OutputLimits limits = (OutputLimits) current;
            for (int j = 0; j < args.size(); j += 4) {
                String cls = args.get(j).toLowerCase(Locale.ROOT);
                if (!List.of("normal", "slave", "replica", "pubsub").contains(cls)) {
                    throw new DirectiveException("Invalid client class specified in buffer limit configuration.");
                }
                Long hard = DirectiveType.memToBytes(args.get(j + 1));
                Long soft = DirectiveType.memToBytes(args.get(j + 2));
                Long seconds = DirectiveType.strtoll(args.get(j + 3), 10);
                // Redis keeps the seconds in an int, so larger numbers wrap (and may turn negative) there too.
                if (hard == null || soft == null || seconds == null || (int) (long) seconds < 0) {
                    throw new DirectiveException("Error in hard, soft or soft_seconds setting in buffer limit "
                            + "configuration.");
                }
                var limit = new ServerConfig.OutputBufferLimit(hard < 0 ? Long.MAX_VALUE : hard, soft < 0 ? Long.MAX_VALUE : soft,
                        Duration.ofSeconds((int) (long) seconds));
                limits = switch (cls) {
                    case "normal" -> new OutputLimits(limit, limits.replica(), limits.pubsub());
                    case "pubsub" -> new OutputLimits(limits.normal(), limits.replica(), limit);
                    default -> new OutputLimits(limits.normal(), limit, limits.pubsub());
                };
            }
            return limits;
        }

        @Override
        public String format(Object value) {
            OutputLimits l = (OutputLimits) value;
            return "normal " + plain(l.normal()) + " slave " + plain(l.replica()) + " pubsub " + plain(l.pubsub());
        }

        private static String plain(ServerConfig.OutputBufferLimit l) {
            return l.hardBytes() + " " + l.softBytes() + " " + l.softDuration().toSeconds();
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            OutputLimits l = (OutputLimits) value;
            return List.of(line(name, "normal", l.normal(), OutputLimits.DEFAULT.normal()),
                    line(name, "replica", l.replica(), OutputLimits.DEFAULT.replica()),
                    line(name, "pubsub", l.pubsub(), OutputLimits.DEFAULT.pubsub()));
        }

        private static DirectiveType.RewriteLine line(String name, String cls, ServerConfig.OutputBufferLimit l,
                ServerConfig.OutputBufferLimit defaults) {
            return new DirectiveType.RewriteLine(name + " " + cls + " " + DirectiveType.memoryText(l.hardBytes()) + " "
                    + DirectiveType.memoryText(l.softBytes()) + " " + l.softDuration().toSeconds(), !l.equals(defaults));
        }
    }

    /** {@code oom-score-adj-values}: three numbers in -2000..2000. */
    static final class OomScoreAdjValues implements DirectiveType.Special {
        private static final List<Long> DEFAULT = List.of(0L, 200L, 800L);

        @Override
        public Object defaultValue() {
            return DEFAULT;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() != 3) {
                throw new DirectiveException("wrong number of arguments");
            }
            List<Long> values = new ArrayList<>();
            for (String arg : args) {
                Long v = DirectiveType.strtoll(arg, 10);
                if (v == null || v < -2000 || v > 2000) {
                    throw new DirectiveException("Invalid oom-score-adj-values, elements must be between -2000 and "
                            + "2000.");
                }
                values.add(v);
            }
            return List.copyOf(values);
        }

        @Override
        public String format(Object value) {
            return ((List<?>) value).stream().map(Object::toString).reduce((a, b) -> a + " " + b).orElse("");
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            return List.of(new DirectiveType.RewriteLine(name + " " + format(value), !DEFAULT.equals(value)));
        }
    }

    /** {@code notify-keyspace-events}: {@link KeyspaceEvents}'s flags, written as "KEA" and the like. */
    static final class NotifyKeyspaceEvents implements DirectiveType.Special {
        @Override
        public Object defaultValue() {
            return 0;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() != 1) {
                throw new DirectiveException("wrong number of arguments");
            }
            int flags = KeyspaceEvents.parse(args.get(0));
            if (flags < 0) {
                throw new DirectiveException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
            return flags;
        }

        @Override
        public String format(Object value) {
            return KeyspaceEvents.format((Integer) value);
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            return List.of(new DirectiveType.RewriteLine(name + " " + DirectiveType.quote(format(value)),
                    (Integer) value != 0));
        }
    }

    /** {@code replicaof <host> <port>} or {@code replicaof no one}: "host port", or null for a master. */
    static final class ReplicaOf implements DirectiveType.Special {
        @Override
        public Object defaultValue() {
            return null;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() != 2) {
                throw new DirectiveException("wrong number of arguments");
            }
            if (args.get(0).equalsIgnoreCase("no") && args.get(1).equalsIgnoreCase("one")) {
                return null;
            }
            Long port = DirectiveType.strtoll(args.get(1), 10);
            if (port == null || port < 0 || port > 65535) {
                throw new DirectiveException("Invalid master port");
            }
            return args.get(0) + " " + port;
        }

        @Override
        public String format(Object value) {
            return value == null ? "" : (String) value;
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            return value == null ? List.of() : List.of(new DirectiveType.RewriteLine(name + " " + value, true));
        }
    }

    /** {@code latency-tracking-info-percentiles}: numbers in 0..100; "" for none. */
    static final class Percentiles implements DirectiveType.Special {
        private static final List<Double> DEFAULT = List.of(50.0, 99.0, 99.9);

        @Override
        public Object defaultValue() {
            return DEFAULT;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.size() == 1 && args.get(0).isEmpty()) {
                return List.of();
            }
            List<Double> values = new ArrayList<>();
            for (String arg : args) {
                double p = Numbers.parseDouble(arg.getBytes(StandardCharsets.UTF_8));
                if (Double.isNaN(p)) {
                    throw new DirectiveException("Invalid latency-tracking-info-percentiles parameters");
                }
                if (p > 100.0 || p < 0.0) {
                    throw new DirectiveException("latency-tracking-info-percentiles parameters should sit between "
                            + "[0.0,100.0]");
                }
                values.add(p);
            }
            return List.copyOf(values);
        }

        @Override
        public String format(Object value) {
            StringBuilder b = new StringBuilder();
            for (Object p : (List<?>) value) {
                b.append(b.isEmpty() ? "" : " ").append(trimmed((Double) p));
            }
            return b.toString();
        }

        /** C's "%f" with trailing zeros (and a trailing dot) removed: Redis's trimDoubleString. */
        static String trimmed(double d) {
            String s = String.format(Locale.ROOT, "%f", d);
            if (s.indexOf('.') >= 0) {
                s = s.replaceAll("0+$", "");
                if (s.endsWith(".")) {
                    s = s.substring(0, s.length() - 1);
                }
            }
            return s;
        }

        @Override
        public List<DirectiveType.RewriteLine> rewrite(String name, Object value) {
            String words = ((List<?>) value).isEmpty() ? "\"\"" : format(value);
            return List.of(new DirectiveType.RewriteLine(name + " " + words, true));
        }
    }
}
