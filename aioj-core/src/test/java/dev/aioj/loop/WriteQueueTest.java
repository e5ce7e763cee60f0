package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The outbound queue alone, against a channel that takes only what it is told to. */
class WriteQueueTest {

    /** A channel accepting at most {@code limit} bytes per write, like a socket with a full buffer. */
    static final class ThrottledChannel implements WritableByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int limit;
        int calls;

        ThrottledChannel(int limit) {
            this.limit = limit;
        }

        @Override
        public int write(ByteBuffer src) {
            calls++;
            int n = Math.min(limit, src.remaining());
            byte[] bytes = new byte[n];
            src.get(bytes);
            written.writeBytes(bytes);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    private final ByteBuffer staging = ByteBuffer.allocateDirect(64 * 1024);

    @Test
    void manySmallWritesLeaveInOneCall() throws Exception {
        WriteQueue queue = new WriteQueue();
        for (int i = 0; i < 10_000; i++) {
            queue.add(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertThat(queue.size()).isEqualTo(10_000);
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        assertThat(queue.writeTo(channel, staging)).isEqualTo(10_000);
        assertThat(channel.calls).isEqualTo(1);
        assertThat(queue.isEmpty()).isTrue();
        byte[] out = channel.written.toByteArray();
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void partialWritesKeepTheRestInOrder() throws Exception {
        WriteQueue queue = new WriteQueue();
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        // mixed sizes: packed small writes, then one larger than a chunk
        int offset = 0;
        for (int size : new int[] {1, 7, 100, 5000, 20_000, 150_000, 24_892}) {
            queue.add(ByteBuffer.wrap(data, offset, size));
            offset += size;
        }
        assertThat(offset).isEqualTo(data.length);
        ThrottledChannel channel = new ThrottledChannel(777);
        while (!queue.isEmpty()) {
            long before = queue.size();
            int written = queue.writeTo(channel, staging);
            assertThat(written).isEqualTo((int) Math.min(777, before));
            assertThat(queue.size()).isEqualTo(before - written);
        }
        assertThat(channel.written.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFullSocketWritesNothingAndLosesNothing() throws Exception {
        WriteQueue queue = new WriteQueue();
        queue.add(ByteBuffer.wrap("hello".getBytes()));
        ThrottledChannel channel = new ThrottledChannel(0);
        assertThat(queue.writeTo(channel, staging)).isZero();
        assertThat(queue.size()).isEqualTo(5);
        channel.limit = 100;
        assertThat(queue.writeTo(channel, staging)).isEqualTo(5);
        assertThat(channel.written.toString()).isEqualTo("hello");
    }

    @Test
    void arraySlicesAreQueuedLikeBuffers() throws Exception {
        WriteQueue queue = new WriteQueue();
        byte[] data = new byte[40_000];
        new Random(5).nextBytes(data);
        queue.add(data, 0, 10);
        queue.add(data, 10, 20_000);          // fills the first chunk, spills into a new one
        queue.add(ByteBuffer.wrap(data, 20_010, 19_990));
        assertThat(queue.size()).isEqualTo(40_000);
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        queue.writeTo(channel, staging);
        while (!queue.isEmpty()) {
            queue.writeTo(channel, staging);
        }
        assertThat(channel.written.toByteArray()).isEqualTo(data);
    }

    @Test
    void addConsumesTheSourceAndClearDropsEverything() {
        WriteQueue queue = new WriteQueue();
        ByteBuffer source = ByteBuffer.wrap(new byte[100]);
        queue.add(source);
        assertThat(source.hasRemaining()).isFalse();
        queue.clear();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
    }
}
