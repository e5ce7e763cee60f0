package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;
import dev.aioj.redis.resp.RespValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * MULTI, the queued commands and EXEC as one entry of the submission queue,
 * encoded back to back, so no other thread's command can land inside the
 * transaction on a shared connection. It takes {@code n + 2} replies: OK for
 * MULTI, QUEUED (or an error) per command, then EXEC's array, whose elements
 * complete the queued commands' own futures.
 *
 * <p>Outcomes: EXEC's array completes this future with the list of results
 * (an element that failed is its {@link RedisReplyException}); a command
 * rejected while queuing fails with its error and EXEC's EXECABORT fails the
 * transaction and every other command (the seed's {@code _transaction_error});
 * a WATCH conflict (EXEC answers null) completes this future with null and
 * cancels every queued command, which never ran.
 *
 * <p>Thread contract: as {@link Command}: encoded on the loop, or on its
 * caller's thread when the caller writes it on an idle connection; its
 * replies are taken on the loop thread.
 */
final class TransactionCommand extends Command<List<Object>> {

    private static final Object[] MULTI = {"MULTI"};
    private static final Object[] EXEC = {"EXEC"};

    private final List<Command<?>> queued;
    private int repliesTaken;
    private RedisReplyException multiError;

    TransactionCommand(List<Command<?>> queued, long timeoutNanos) {
        super(null, new CommandSettings(null, timeoutNanos));
        this.queued = queued;
    }

    @Override
    void encode(RespOutput out) {
        RespEncoder.encodeCommand(out, MULTI);
        for (Command<?> command : queued) {
            command.encode(out);
        }
        RespEncoder.encodeCommand(out, EXEC);
    }

    @Override
    boolean isLastReply(RespValue value) {
        return repliesTaken == queued.size() + 1;
    }

    @Override
    void onReply(RespValue value) {
        int step = repliesTaken++;
        if (step == 0) {
            if (value instanceof RespValue.ErrorReply error) { // e.g. MULTI inside MULTI
                multiError = new RedisReplyException(error.kind(), error.message());
            }
        } else if (step <= queued.size()) {
            if (value instanceof RespValue.ErrorReply error) { // rejected while queuing
                queued.get(step - 1).completeExceptionally(new RedisReplyException(error.kind(), error.message()));
            }
        } else {
            onExec(value);
        }
    }

    private void onExec(RespValue value) {
        switch (value) {
            case RespValue.ErrorReply error -> {
                RedisReplyException aborted = new RedisReplyException(error.kind(), error.message());
                if (multiError != null) {
                    aborted.addSuppressed(multiError);
                }
                completeExceptionally(aborted);
            }
            case RespValue.Null none -> {
                // a watched key changed: nothing ran
                CancellationException notRun = new CancellationException(
                        "the transaction was aborted: a WATCHed key changed, so no command ran");
                for (Command<?> command : queued) {
                    command.completeExceptionally(notRun);
                }
                complete(null);
            }
            case RespValue.Array array when array.elements().size() == queued.size() -> {
                List<Object> results = new ArrayList<>(queued.size());
                for (int i = 0; i < queued.size(); i++) {
                    Command<?> command = queued.get(i);
                    command.onReply(array.elements().get(i));
                    results.add(outcome(command));
                }
                complete(Collections.unmodifiableList(results));
            }
            default -> completeExceptionally(new IllegalStateException(
                    "EXEC answered " + value + " for " + queued.size() + " queued commands"));
        }
    }

    private static Object outcome(Command<?> command) {
        try {
            return command.future.resultNow();
        } catch (IllegalStateException notASuccess) {
            return command.future.exceptionNow();
        }
    }

    /** A failed transaction (timeout, lost connection, EXECABORT) fails every command still waiting in it. */
    @Override
    boolean completeExceptionally(Throwable failure) {
        boolean changed = super.completeExceptionally(failure);
        for (Command<?> command : queued) {
            command.completeExceptionally(failure);
        }
        return changed;
    }

    @Override
    String name() {
        return "MULTI/EXEC";
    }
}
