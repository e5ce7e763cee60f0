package dev.aioj.stream;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Transport;
import dev.aioj.net.TransportStats;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A transport with no socket that records pauseReading/resumeReading, to test a reader's flow control exactly. */
final class FlowRecordingTransport implements Transport {

    final List<String> calls = new ArrayList<>();
    private final EventLoop loop;
    private boolean reading = true;

    FlowRecordingTransport(EventLoop loop) {
        this.loop = loop;
    }

    @Override public EventLoop loop() { return loop; }
    @Override public void write(ByteBuffer data) { data.position(data.limit()); }
    @Override public void writeEof() {}
    @Override public boolean canWriteEof() { return true; }
    @Override public void close() {}
    @Override public void abort() {}
    @Override public boolean isClosing() { return false; }
    @Override public void pauseReading() { calls.add("pause"); reading = false; }
    @Override public void resumeReading() { calls.add("resume"); reading = true; }
    @Override public boolean isReading() { return reading; }
    @Override public void setWriteBufferLimits(int high, int low) {}
    @Override public long writeBufferSize() { return 0; }
    @Override public SocketAddress localAddress() { return null; }
    @Override public SocketAddress remoteAddress() { return null; }
    @Override public TransportStats stats() { return new TransportStats(0, 0, 0, 0); }
}
