package dev.aioj.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several {@link RedisObserver}s as one ({@link RedisObserver#all}): each
 * call goes to each observer in order, and each command's context is the
 * array of theirs. Immutable; any thread.
 */
final class ObserverList implements RedisObserver {

    private final RedisObserver[] observers;

    private ObserverList(RedisObserver[] observers) {
        this.observers = observers;
    }

    static RedisObserver of(RedisObserver... observers) {
        List<RedisObserver> kept = new ArrayList<>();
        for (RedisObserver o : observers) {
            if (o instanceof ObserverList list) {
                kept.addAll(List.of(list.observers));
            } else if (o != null) {
                kept.add(o);
            }
        }
        return kept.size() == 1 ? kept.get(0) : new ObserverList(kept.toArray(RedisObserver[]::new));
    }

    @Override
    public Object commandStarted(RedisEndpoint endpoint, String command) {
        Object[] contexts = new Object[observers.length];
        for (int i = 0; i < observers.length; i++) {
            contexts[i] = observers[i].commandStarted(endpoint, command);
        }
        return contexts;
    }

    @Override
    public void commandSucceeded(RedisEndpoint endpoint, String command, long durationNanos, Object context) {
        Object[] contexts = (Object[]) context;
        for (int i = 0; i < observers.length; i++) {
            observers[i].commandSucceeded(endpoint, command, durationNanos, contexts[i]);
        }
    }

    @Override
    public void commandFailed(RedisEndpoint endpoint, String command, long durationNanos, Throwable error,
            Object context) {
        Object[] contexts = (Object[]) context;
        for (int i = 0; i < observers.length; i++) {
            observers[i].commandFailed(endpoint, command, durationNanos, error, contexts[i]);
        }
    }

    @Override
    public void connected(RedisEndpoint endpoint, int protocol, long connectNanos, long handshakeNanos, int attempt) {
        for (RedisObserver o : observers) {
            o.connected(endpoint, protocol, connectNanos, handshakeNanos, attempt);
        }
    }

    @Override
    public void connectFailed(RedisEndpoint endpoint, int attempt, Throwable error) {
        for (RedisObserver o : observers) {
            o.connectFailed(endpoint, attempt, error);
        }
    }

    @Override
    public void disconnected(RedisEndpoint endpoint, Throwable cause) {
        for (RedisObserver o : observers) {
            o.disconnected(endpoint, cause);
        }
    }

    @Override
    public void reconnectScheduled(RedisEndpoint endpoint, int attempt, Duration delay, Throwable cause) {
        for (RedisObserver o : observers) {
            o.reconnectScheduled(endpoint, attempt, delay, cause);
        }
    }

    @Override
    public void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {
        for (RedisObserver o : observers) {
            o.batchWritten(endpoint, commands, bytes);
        }
    }

    @Override
    public void cacheAccessed(RedisEndpoint endpoint, String command, boolean hit) {
        for (RedisObserver o : observers) {
            o.cacheAccessed(endpoint, command, hit);
        }
    }

    @Override
    public void cacheInvalidated(RedisEndpoint endpoint, long entries) {
        for (RedisObserver o : observers) {
            o.cacheInvalidated(endpoint, entries);
        }
    }
}
