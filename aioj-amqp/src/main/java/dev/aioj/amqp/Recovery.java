package dev.aioj.amqp;

import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Automatic recovery of one connection, run on its loop (never on a caller's
 * thread, never under a lock): reconnect with exponential backoff, reopen
 * every channel with its qos and confirm mode, declare again what the
 * connection declared (exchanges, queues, bindings; a broker-named queue is
 * renamed for its bindings and consumers), consume again, then let the
 * publishes and calls that waited go out. A close during any step ends it:
 * the timer is cancelled, a connect in progress is aborted, and the close
 * future completes. Loop thread only, except the listener list.
 */
final class Recovery {

    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private final AmqpConnection connection;
    final List<RecoveryListener> listeners = new CopyOnWriteArrayList<>();
    private TimerHandle timer;
    private boolean active;
    private int generation;
    private int attempts;
    private long backoffNanos;

    Recovery(AmqpConnection connection) {
        this.connection = connection;
    }

    boolean active() {
        return active;
    }

    void start(AmqpConnectionException cause) {
        active = true;
        generation++;
        attempts = 0;
        backoffNanos = connection.options.recoveryBackoffMin().toNanos();
        LOG.log(System.Logger.Level.WARNING, connection.uri + ": " + cause.getMessage() + "; recovering");
        for (RecoveryListener l : listeners) {
            safely(() -> l.recoveryStarted(cause));
        }
        schedule(backoffNanos);
    }

    private void schedule(long delayNanos) {
        int gen = generation;
        timer = connection.loop.callLater(Duration.ofNanos(delayNanos), () -> attempt(gen));
    }

    private void attempt(int gen) {
        if (!active || gen != generation || connection.state == AmqpConnection.State.CLOSED) return;
        attempts++;
        connection.open().whenComplete((v, e) -> {
            if (!active || gen != generation || connection.state == AmqpConnection.State.CLOSED) return;
            if (e != null) {
                connection.state = AmqpConnection.State.RECOVERING;
                long wait = backoffNanos;
                backoffNanos = Math.min(backoffNanos * 2, connection.options.recoveryBackoffMax().toNanos());
                int attempt = attempts;
                for (RecoveryListener l : listeners) {
                    safely(() -> l.attemptFailed(attempt, e, wait / 1_000_000));
                }
                schedule(wait);
                return;
            }
            restore(gen);
        });
    }

    private void restore(int gen) {
        List<AmqpChannel> channels = new ArrayList<>();
        for (AmqpChannel ch : connection.openChannels()) {
            if (ch.state == AmqpChannel.State.RECOVERING) channels.add(ch);
        }
        CompletableFuture<?> reopened = CompletableFuture.allOf(
                channels.stream().map(ChannelRecovery::reopen).toArray(CompletableFuture[]::new));
        CompletableFuture<?> declared = reopened.thenCompose(v -> redeclare(channels));
        declared.thenCompose(v -> CompletableFuture.allOf(
                        channels.stream().map(ChannelRecovery::reconsume).toArray(CompletableFuture[]::new)))
                .whenComplete((v, e) -> {
                    if (gen != generation || connection.state == AmqpConnection.State.CLOSED) return;
                    if (e != null) {
                        // the new socket broke too (a new recovery runs), or a channel refused: say so
                        LOG.log(System.Logger.Level.WARNING, connection.uri + ": recovery step failed", e);
                    }
                    active = false;
                    connection.recovered();
                    int n = attempts;
                    for (RecoveryListener l : listeners) {
                        safely(() -> l.recovered(n));
                    }
                });
    }

    private CompletableFuture<?> redeclare(List<AmqpChannel> channels) {
        Topology topology = connection.topology();
        if (channels.isEmpty() || topology.isEmpty()) return CompletableFuture.completedFuture(null);
        AmqpChannel ch = channels.get(0);
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Topology.Declaration> e : topology.replayOrder()) {
            chain = chain.thenCompose(v -> ChannelRecovery.redeclare(ch, e.getValue()).thenAccept(name -> {
                if (e.getValue().kind() == Topology.Kind.QUEUE) topology.renamed(e.getKey(), name);
            }));
        }
        return chain;
    }

    void stop() {
        active = false;
        generation++;
        if (timer != null) timer.cancel();
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            connection.loop.callExceptionHandler("recovery listener of " + connection.uri + " threw", e);
        }
    }
}
