package dev.aioj.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Greets a freshly connected server so it knows who we are and how we speak:
 * {@code HELLO 3} with AUTH and SETNAME folded in, then {@code SELECT}, all
 * in one round trip. A server without HELLO (Redis before 6) or without
 * RESP3 gets the RESP2 greeting instead: {@code AUTH}, {@code SELECT},
 * {@code CLIENT SETNAME}. A wrong password or unknown user fails the greeting
 * with the server's own error.
 *
 * <p>Thread contract: loop thread only.
 */
final class Handshake {

    private Handshake() {}

    static CompletableFuture<Void> greet(Pipeline pipeline, RedisUri uri) {
        if (uri.protocol() == 2) {
            return resp2(pipeline, uri);
        }
        List<Object> hello = new ArrayList<>(List.of("HELLO", "3"));
        if (uri.password() != null) {
            hello.addAll(List.of("AUTH", uri.user() != null ? uri.user() : "default", uri.password()));
        }
        if (uri.clientName() != null) {
            hello.addAll(List.of("SETNAME", uri.clientName()));
        }
        CompletableFuture<Object> helloCommand = send(pipeline, uri, Reply.OBJECT, hello.toArray());
        CompletableFuture<?> select = uri.database() != 0
                ? send(pipeline, uri, Reply.STATUS, "SELECT", uri.database()) : CompletableFuture.completedFuture(null);
        return helloCommand.handle((reply, error) -> {
            if (error == null) {
                pipeline.negotiated(true);
                return select.thenApply(ignored -> (Void) null);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RedisReplyException r && withoutResp3(r)) {
                select.exceptionally(ignored -> null); // answered by a server that predates HELLO: ignore it
                return resp2(pipeline, uri);
            }
            select.exceptionally(ignored -> null);
            return CompletableFuture.<Void>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    /** True for "ERR unknown command 'HELLO'" (Redis < 6) and "NOPROTO" (RESP3 unsupported). */
    private static boolean withoutResp3(RedisReplyException error) {
        return error.kind().equals("NOPROTO")
                || (error.kind().equals("ERR") && error.getMessage().toLowerCase(java.util.Locale.ROOT)
                        .contains("unknown command"));
    }

    private static CompletableFuture<Void> resp2(Pipeline pipeline, RedisUri uri) {
        pipeline.negotiated(false);
        List<CompletableFuture<?>> steps = new ArrayList<>();
        if (uri.password() != null) {
            steps.add(uri.user() != null
                    ? send(pipeline, uri, Reply.STATUS, "AUTH", uri.user(), uri.password())
                    : send(pipeline, uri, Reply.STATUS, "AUTH", uri.password()));
        }
        if (uri.database() != 0) {
            steps.add(send(pipeline, uri, Reply.STATUS, "SELECT", uri.database()));
        }
        if (uri.clientName() != null) {
            steps.add(send(pipeline, uri, Reply.STATUS, "CLIENT", "SETNAME", uri.clientName()));
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (CompletableFuture<?> step : steps) {
            all = all.thenCombine(step, (a, b) -> null); // the first failure, in order, fails the greeting
        }
        return all;
    }

    private static <T> CompletableFuture<T> send(Pipeline pipeline, RedisUri uri, Reply<T> reply, Object... args) {
        return pipeline.sendNow(new ArgsCommand<>(args, reply, CommandSettings.of(Codec.STRING, uri.connectTimeout())));
    }
}
