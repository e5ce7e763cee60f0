package dev.aioj.redis;

import java.util.Objects;

/**
 * The options of the SCAN family ({@code SCAN}, {@code HSCAN}, {@code SSCAN},
 * {@code ZSCAN}): {@code MATCH pattern} (a glob, as in KEYS), {@code COUNT n}
 * (a hint of how much work one call does, not a page size: a page may hold
 * more or fewer items, even none) and, for SCAN only, {@code TYPE type}
 * (Redis 6.0: {@code string}, {@code list}, {@code hash}, ...).
 *
 * <pre>{@code
 * List<String> users = redis.scanAll(ScanArgs.of().match("user:*").count(1000)).join();
 * }</pre>
 *
 * <p>Immutable: each method returns new arguments; setting an option again
 * replaces it.
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class ScanArgs {

    private static final ScanArgs NONE = new ScanArgs(null, 0, null);

    private final String match;
    private final long count;
    private final String type;

    private ScanArgs(String match, long count, String type) {
        this.match = match;
        this.count = count;
        this.type = type;
    }

    /** No option: every element, Redis's default amount of work per call. */
    public static ScanArgs of() {
        return NONE;
    }

    /** {@code MATCH pattern}: only elements matching the glob {@code pattern}. */
    public ScanArgs match(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return new ScanArgs(pattern, count, type);
    }

    /** {@code COUNT count}: about how many elements each call looks at; at least 1. */
    public ScanArgs count(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count < 1: " + count);
        }
        return new ScanArgs(match, count, type);
    }

    /** {@code TYPE type}: only keys of this type; SCAN only (HSCAN and friends refuse it). */
    public ScanArgs type(String type) {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type is empty");
        }
        return new ScanArgs(match, count, type);
    }

    void appendTo(Args args, String command) {
        if (match != null) {
            args.add("MATCH", match);
        }
        if (count > 0) {
            args.add("COUNT", count);
        }
        if (type != null) {
            if (!command.equals("SCAN")) {
                throw new IllegalArgumentException("TYPE is for SCAN only, not " + command + ": " + this);
            }
            args.add("TYPE", type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanArgs other && Objects.equals(match, other.match) && count == other.count
                && Objects.equals(type, other.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(match, count, type);
    }

    @Override
    public String toString() {
        Args args = Args.of(6);
        appendTo(args, "SCAN");
        return args.describe("ScanArgs");
    }
}
