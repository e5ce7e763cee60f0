package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Reactor} running a handler list on a thread of its own, as the
 * seed's {@code if __name__ == '__main__': event_loop(handlers)} does on the
 * main thread; {@link #close} stops it and closes every handler's channel.
 *
 * <p>Thread contract: {@link #close} from any thread.
 */
final class ReactorRun implements Running {

    private final Reactor reactor;
    private final List<EventHandler> handlers;
    private final Map<String, Integer> ports;
    private final List<AutoCloseable> resources;
    private final Thread thread;

    private ReactorRun(String name, Reactor reactor, List<EventHandler> handlers, Map<String, Integer> ports,
            List<AutoCloseable> resources, Log log) {
        this.reactor = reactor;
        this.handlers = handlers;
        this.ports = ports;
        this.resources = resources;
        this.thread = Thread.ofPlatform().name(name).start(() -> {
            try {
                reactor.eventLoop(handlers);
            } catch (IOException e) {
                log.info("reactor stopped: " + e);
            }
        });
    }

    /** Starts {@code reactor} over {@code handlers}; {@code resources} are closed after it stops. */
    static ReactorRun start(String name, Reactor reactor, List<EventHandler> handlers, Map<String, Integer> ports,
            List<AutoCloseable> resources, Log log) {
        return new ReactorRun(name, reactor, handlers, ports, resources, log);
    }

    @Override
    public int port() {
        return ports.values().iterator().next();
    }

    @Override
    public Map<String, Integer> ports() {
        return ports;
    }

    @Override
    public void close() {
        reactor.stop();
        try {
            thread.join(10_000);
            for (EventHandler handler : new ArrayList<>(handlers)) { // the thread has stopped: no concurrent change
                Channel channel = handler.channel();
                channel.close();
            }
            for (AutoCloseable resource : resources) {
                resource.close();
            }
            reactor.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("error closing the reactor", e);
        }
    }
}
