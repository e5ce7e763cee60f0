package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One redis.conf directive: its name and aliases, value type and default,
 * Redis's flags (immutable at run time, protected, sensitive, ...), whether
 * aioj-server honours it, and the hook that makes a running server follow
 * its value. The config file parser, the command line, {@link
 * ServerConfig.Builder#set}, CONFIG GET/SET/REWRITE and the docs table all
 * read the same entries ({@link DirectiveTable}).
 *
 * <p>A directive aioj does not honour yet is still accepted, shown and
 * rewritten, so redis.conf files and test harnesses work unchanged; a server
 * logs each one given a non-default value once at start. Honouring one is
 * flipping its entry: {@code .ignored(why)} becomes {@code .honoured(what,
 * hook)}.
 *
 * <pre>{@code
 * static final Directive MAXCLIENTS = Directive.unsignedInteger("maxclients", 1, 0xFFFFFFFFL, 10_000)
 *         .honoured("connections beyond it get Redis's error", s -> s.maxClients = ...);
 * }</pre>
 *
 * <p>Thread contract: immutable, any thread; hooks run on the server's loop thread.
 */
final class Directive {

    /** CONFIG SET refuses it ("can't set immutable config"). */
    static final int IMMUTABLE = 1;
    /** CONFIG SET refuses it unless enable-protected-configs allows ("can't set protected config"). */
    static final int PROTECTED = 1 << 1;
    /** Its value is a secret: not to be logged. */
    static final int SENSITIVE = 1 << 2;
    /** CONFIG GET with a pattern does not list it; only its exact name. */
    static final int HIDDEN = 1 << 3;
    /** Takes several words; one word with spaces is split ({@code --save "900 1 300 10"}). */
    static final int MULTI_ARG = 1 << 4;
    /** CONFIG SET runs its hook even when the value is unchanged (files re-read: tls-cert-file). */
    static final int VOLATILE = 1 << 5;

    /**
     * Makes a running server follow the directive's value (read from {@code
     * server.live}): run once at start and after each CONFIG SET that
     * changes it. Loop thread only.
     */
    @FunctionalInterface
    interface Hook {
        void apply(ServerState server) throws DirectiveException;
    }

    private final String name;
    private final List<String> aliases;
    private final DirectiveType type;
    private final int flags;
    private final boolean honoured;
    private final String note;
    private final Hook hook;
    private final UnaryOperator<Object> normalize;
    private final Function<Object, String> check;

    private Directive(Builder b, boolean honoured, String note, Hook hook) {
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        this.type = b.type;
        this.flags = b.flags;
        this.honoured = honoured;
        this.note = Objects.requireNonNull(note, "note");
        this.hook = hook;
        this.normalize = b.normalize;
        this.check = b.check;
    }

    String name() {
        return name;
    }

    /** Other names it answers to (Redis 6's slave-*, ziplist names), lower case. */
    List<String> aliases() {
        return aliases;
    }

    DirectiveType type() {
        return type;
    }

    boolean is(int flag) {
        return (flags & flag) != 0;
    }

    /** Whether aioj-server acts on the value; if not, it is accepted, shown and rewritten only. */
    boolean honoured() {
        return honoured;
    }

    /** What aioj does with it (honoured), or why it does not (ignored): a sentence for the docs and the log. */
    String note() {
        return note;
    }

    /** The hook, or null when nothing needs to follow the value (it is read where used). */
    Hook hook() {
        return hook;
    }

    Object defaultValue() {
        return type.defaultValue();
    }

    /** The value for {@code args}; see {@link DirectiveType#parse}. */
    Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
        Object value = type.parse(args, current, context);
        if (check != null) {
            String problem = check.apply(value);
            if (problem != null) {
                throw new DirectiveException(problem);
            }
        }
        return normalize == null ? value : normalize.apply(value);
    }

    /** The value as CONFIG GET shows it. */
    String format(Object value) {
        return type.format(value);
    }

    @Override
    public String toString() {
        return "Directive[" + name + "]";
    }

    // ---------------------------------------------------------------- entries, by Redis's value types

    static Builder bool(String name, boolean defaultValue) {
        return new Builder(name, new DirectiveType.Bool(defaultValue));
    }

    /** A signed integer (Redis's int, long long, time_t ... configs). */
    static Builder integer(String name, long min, long max, long defaultValue) {
        return new Builder(name, new DirectiveType.Number(min, max, defaultValue, false,
                DirectiveType.NumberFormat.INTEGER));
    }

    /** An unsigned integer (Redis's unsigned int and size_t configs): range errors print unsigned. */
    static Builder unsignedInteger(String name, long min, long max, long defaultValue) {
        return new Builder(name, new DirectiveType.Number(min, max, defaultValue, true,
                DirectiveType.NumberFormat.INTEGER));
    }

    /** A byte count with units (1gb, 64mb, 100k), signed. */
    static Builder memory(String name, long min, long max, long defaultValue) {
        return new Builder(name, new DirectiveType.Number(min, max, defaultValue, false,
                DirectiveType.NumberFormat.MEMORY));
    }

    /** A byte count with units, unsigned (size_t, unsigned long long). */
    static Builder unsignedMemory(String name, long min, long max, long defaultValue) {
        return new Builder(name, new DirectiveType.Number(min, max, defaultValue, true,
                DirectiveType.NumberFormat.MEMORY));
    }

    static Builder number(String name, DirectiveType.Number type) {
        return new Builder(name, type);
    }

    static Builder choice(String name, DirectiveType.Choice choice) {
        return new Builder(name, choice);
    }

    /** A string whose empty value is kept as the empty string. */
    static Builder text(String name, String defaultValue) {
        return new Builder(name, new DirectiveType.Text(defaultValue, false));
    }

    /** A string whose empty value unsets it (null, the default). */
    static Builder optionalText(String name) {
        return new Builder(name, new DirectiveType.Text(null, true));
    }

    static Builder special(String name, DirectiveType.Special type) {
        return new Builder(name, type);
    }

    /** Collects an entry; {@link #honoured} or {@link #ignored} finishes it. */
    static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final DirectiveType type;
        private int flags;
        private UnaryOperator<Object> normalize;
        private Function<Object, String> check;

        private Builder(String name, DirectiveType type) {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("directive names are lower case: " + name);
            }
            this.name = name;
            this.type = type;
        }

        Builder alias(String alias) {
            aliases.add(alias);
            return this;
        }

        Builder flags(int flags) {
            this.flags |= flags;
            return this;
        }

        Builder immutable() {
            return flags(IMMUTABLE);
        }

        /**
         * A check of the parsed value (Redis's {@code is_valid_fn}): the reason
         * it is refused, in Redis's words, or null.
         */
        Builder validate(Function<Object, String> check) {
            this.check = check;
            return this;
        }

        /** A last step after parsing, such as Redis's clamping of hz to 1..500. */
        Builder normalize(UnaryOperator<Object> normalize) {
            this.normalize = normalize;
            return this;
        }

        /** aioj-server acts on it where it reads it; {@code what} says how, for the docs. */
        Directive honoured(String what) {
            return new Directive(this, true, what, null);
        }

        /** aioj-server acts on it through {@code hook}, at start and after CONFIG SET. */
        Directive honoured(String what, Hook hook) {
            return new Directive(this, true, what, Objects.requireNonNull(hook, "hook"));
        }

        /** Accepted, shown and rewritten, without effect; {@code why} goes to the docs and the start-up log. */
        Directive ignored(String why) {
            return new Directive(this, false, why, null);
        }
    }
}
