package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.amqp.testing.RabbitMqExtension;
import dev.aioj.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thread-safety promise at volume: 100,000 messages published with
 * confirms by 8 threads on one channel, bodies of random sizes (some larger
 * than frame_max, so split in several body frames) carrying their number
 * and a CRC, consumed with manual acks: none lost, none duplicated, none
 * corrupted, every publish future completed once. The official client's
 * channels would interleave frames here and the broker would close the
 * connection with 505 UNEXPECTED_FRAME.
 */
class ManyPublishersTest {

    @RegisterExtension
    static final RabbitMqExtension rabbit = new RabbitMqExtension();

    static final int MESSAGES = 100_000;
    static final int THREADS = 8;
    static final int FRAME_MAX = 8192;

    @Test
    void eightThreadsOnOneChannelLoseDuplicateAndCorruptNothing() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            AmqpConnection connection = AmqpConnection.connect(loop, rabbit.uri() + "?frame_max=" + FRAME_MAX)
                    .get(10, TimeUnit.SECONDS);
            assertThat(connection.frameMax()).isEqualTo(FRAME_MAX);
            AmqpChannel publisher = connection.openChannel().join();
            publisher.confirmSelect().join();
            AmqpChannel consumer = connection.openChannel().join();
            String queue = consumer.queueDeclare("", false, true, true, Map.of()).join().queue();
            consumer.basicQos(500).join();

            BitSet seen = new BitSet(MESSAGES);
            AtomicInteger duplicates = new AtomicInteger(), corrupt = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(MESSAGES);
            consumer.basicConsume(queue, false, d -> { // loop thread: no lock needed for the BitSet
                ByteBuffer b = ByteBuffer.wrap(d.body());
                int n = b.getInt();
                long crc = b.getLong();
                CRC32 check = new CRC32();
                check.update(d.body(), 12, d.body().length - 12);
                if (crc != check.getValue() || n < 0 || n >= MESSAGES) {
                    corrupt.incrementAndGet();
                } else if (seen.get(n)) {
                    duplicates.incrementAndGet();
                } else {
                    seen.set(n);
                }
                consumer.basicAck(d.deliveryTag(), false);
                all.countDown();
            }).join();

            AtomicInteger completions = new AtomicInteger(), failures = new AtomicInteger();
            int bigOnes = 0;
            List<Thread> threads = new ArrayList<>();
            int[] big = new int[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().name("publisher-" + t).start(() -> {
                    SplittableRandom random = new SplittableRandom(id);
                    Semaphore window = new Semaphore(256); // confirms awaited in a window, as a real publisher
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int n = id; n < MESSAGES; n += THREADS) {
                        int size = random.nextInt(100) == 0 ? FRAME_MAX + random.nextInt(3 * FRAME_MAX)
                                : random.nextInt(512);
                        if (size > FRAME_MAX) big[id]++;
                        byte[] body = new byte[12 + size];
                        for (int i = 12; i < body.length; i++) body[i] = (byte) random.nextInt();
                        CRC32 crc = new CRC32();
                        crc.update(body, 12, size);
                        ByteBuffer.wrap(body).putInt(n).putLong(crc.getValue());
                        window.acquireUninterruptibly();
                        CompletableFuture<Void> f = publisher.basicPublish("", queue, false, BasicProperties.EMPTY,
                                body);
                        f.whenComplete((v, e) -> {
                            window.release();
                            if (e != null) failures.incrementAndGet();
                            completions.incrementAndGet();
                        });
                        mine.add(f);
                    }
                    CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).join();
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(90));
            }
            for (int b : big) bigOnes += b;
            assertThat(all.await(60, TimeUnit.SECONDS)).as("all consumed, %d left", all.getCount()).isTrue();
            assertThat(failures.get()).isZero();
            assertThat(completions.get()).isEqualTo(MESSAGES);
            assertThat(bigOnes).as("bodies larger than frame_max").isGreaterThan(500);
            assertThat(duplicates.get()).isZero();
            assertThat(corrupt.get()).isZero();
            assertThat(seen.cardinality()).isEqualTo(MESSAGES);
            connection.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }
}
