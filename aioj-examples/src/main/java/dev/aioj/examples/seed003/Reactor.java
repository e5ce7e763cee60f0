package dev.aioj.examples.seed003;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Seed 003's {@code event_loop(handlers)} on {@code java.nio}: before each
 * poll, ask every handler what it wants; poll; call the ready ones. Python's
 * {@code select.select(wants_recv, wants_send, [])} takes fresh lists each
 * time; a Java {@link Selector} keeps registrations, so the loop updates each
 * handler's interest set instead, which is the same question asked the same
 * way.
 *
 * <p>The handler list may change while the loop runs (a TCP server adds a
 * handler per client, a client removes itself on close); each round works
 * on a copy, as the seed's list comprehensions do.
 *
 * <p>Thread contract: {@link #eventLoop} runs on the calling thread until
 * {@link #stop} (any thread); handlers run on that thread.
 */
final class Reactor {

    private final Selector selector;
    private final Consumer<String> log;
    private volatile boolean running = true;

    Reactor(Consumer<String> log) throws IOException {
        this.selector = Selector.open();
        this.log = log;
    }

    /** The seed's {@code event_loop(handlers)}: runs until {@link #stop}. */
    void eventLoop(List<EventHandler> handlers) throws IOException {
        try {
            while (running) {
                for (EventHandler handler : new ArrayList<>(handlers)) {
                    updateInterest(handler);
                }
                selector.select(); // can_recv, can_send, _ = select.select(wants_recv, wants_send, [])
                for (SelectionKey key : selector.selectedKeys()) {
                    EventHandler handler = (EventHandler) key.attachment();
                    try {
                        if (key.isValid() && (key.readyOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
                            handler.handleReceive();
                        }
                        if (key.isValid() && key.isWritable()) {
                            handler.handleSend();
                        }
                    } catch (IOException e) {
                        log.accept(handler + " failed: " + e.getMessage());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException stopped) {
            // stop() closed the selector while we polled
        }
    }

    private void updateInterest(EventHandler handler) throws IOException {
        SelectableChannel channel = handler.channel();
        if (!channel.isOpen()) {
            return;
        }
        int receive = channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        int ops = (handler.wantsToReceive() ? receive : 0) | (handler.wantsToSend() ? SelectionKey.OP_WRITE : 0);
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            channel.register(selector, ops, handler);
        } else if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Ends {@link #eventLoop} after its current round; any thread. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Closes the selector; call after {@link #eventLoop} has returned. */
    void close() throws IOException {
        selector.close();
    }
}
