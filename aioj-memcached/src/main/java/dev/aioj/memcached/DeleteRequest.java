package dev.aioj.memcached;

import java.util.concurrent.CompletableFuture;

/** {@code md <key>}, or with {@code I T<ttl>}: mark the item stale instead of deleting it. */
final class DeleteRequest extends FutureRequest<Boolean> {

    private final String key;
    private final boolean invalidate;
    private final long ttl;
    private final boolean quiet;

    DeleteRequest(String key, boolean invalidate, long ttl, boolean quiet, CompletableFuture<Boolean> future) {
        super(future);
        this.key = key;
        this.invalidate = invalidate;
        this.ttl = ttl;
        this.quiet = quiet;
    }

    @Override
    String command() {
        return "md";
    }

    @Override
    boolean quiet() {
        return quiet;
    }

    @Override
    void encode(RequestBuffer out, int opaque) {
        out.command("md", key);
        if (invalidate) {
            out.flag('I');
            if (ttl != 0) {
                out.flag('T', ttl);
            }
        }
        if (quiet) {
            out.flag('q');
        }
        out.flag('O', opaque).crlf();
    }

    @Override
    void complete(MetaReply reply, String server) {
        future.complete(switch (reply.status) {
            case OK -> Boolean.TRUE;
            case NOT_FOUND -> Boolean.FALSE;
            case VALUE, MISS, NOT_STORED, EXISTS, NOOP, DEBUG, ERROR -> throw unexpected(reply, server);
        });
    }

    @Override
    void completeQuiet() {
        future.complete(Boolean.TRUE);
    }
}
