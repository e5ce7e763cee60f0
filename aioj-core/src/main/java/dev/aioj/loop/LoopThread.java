package dev.aioj.loop;

/**
 * The platform thread that runs one {@link EventLoop}. Its own class so that
 * "is this a loop thread?" is one {@code instanceof}, which blocking calls use
 * to refuse to run where they would deadlock.
 */
final class LoopThread extends Thread {

    final EventLoop loop;

    LoopThread(EventLoop loop, Runnable body, String name, boolean daemon) {
        super(body, name);
        this.loop = loop;
        setDaemon(daemon);
    }
}
