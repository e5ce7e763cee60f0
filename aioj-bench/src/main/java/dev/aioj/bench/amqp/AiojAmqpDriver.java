package dev.aioj.bench.amqp;

import dev.aioj.amqp.AmqpChannel;
import dev.aioj.amqp.AmqpConnection;
import dev.aioj.amqp.BasicProperties;
import dev.aioj.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * aioj-amqp: one connection on one loop; every publishing thread shares one
 * channel (safe in aioj), each keeping its window with a semaphore released
 * by the publish futures; consumers ack from their callback on the loop.
 */
final class AiojAmqpDriver implements AmqpDriver {

    private final EventLoop loop = EventLoop.create();
    private final AmqpConnection connection;

    AiojAmqpDriver(String uri) {
        connection = AmqpConnection.connect(loop, uri).join();
    }

    @Override
    public String name() {
        return "aioj-amqp";
    }

    @Override
    public double confirmedPublish(String queue, byte[] body, int count, int threads, int window) throws Exception {
        AmqpChannel ch = connection.openChannel().join();
        ch.confirmSelect().join();
        List<Thread> started = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int mine = count / threads + (t < count % threads ? 1 : 0);
            started.add(Thread.ofPlatform().start(() -> {
                if (window == 1) {
                    for (int i = 0; i < mine; i++) {
                        ch.basicPublish("", queue, false, BasicProperties.EMPTY, body).join();
                    }
                    return;
                }
                Semaphore free = new Semaphore(window);
                for (int i = 0; i < mine; i++) {
                    free.acquireUninterruptibly();
                    ch.basicPublish("", queue, false, BasicProperties.EMPTY, body)
                            .whenComplete((v, e) -> free.release());
                }
                free.acquireUninterruptibly(window);
            }));
        }
        for (Thread t : started) t.join();
        double rate = count / ((System.nanoTime() - t0) / 1e9);
        ch.closeAsync().join();
        return rate;
    }

    @Override
    public double consume(String queue, int count, int prefetch) throws Exception {
        AmqpChannel ch = connection.openChannel().join();
        ch.basicQos(prefetch).join();
        CountDownLatch done = new CountDownLatch(count);
        long t0 = System.nanoTime();
        String tag = ch.basicConsume(queue, false, d -> {
            ch.basicAck(d.deliveryTag(), false);
            done.countDown();
        }).join();
        if (!done.await(300, TimeUnit.SECONDS)) throw new IllegalStateException(done.getCount() + " not consumed");
        double rate = count / ((System.nanoTime() - t0) / 1e9);
        ch.basicCancel(tag).join();
        ch.closeAsync().join();
        return rate;
    }

    @Override
    public void endToEnd(String queue, int count, Histogram micros) throws Exception {
        AmqpChannel pub = connection.openChannel().join();
        AmqpChannel sub = connection.openChannel().join();
        java.util.concurrent.BlockingQueue<Long> arrived = new java.util.concurrent.ArrayBlockingQueue<>(16);
        String tag = sub.basicConsume(queue, true, d -> {
            long sent = ByteBuffer.wrap(d.body()).getLong();
            micros.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            arrived.add(sent);
        }).join();
        byte[] body = new byte[16];
        for (int i = 0; i < count; i++) {
            ByteBuffer.wrap(body).putLong(System.nanoTime());
            pub.basicPublish("", queue, false, BasicProperties.EMPTY, body.clone());
            if (arrived.poll(10, TimeUnit.SECONDS) == null) throw new IllegalStateException("message " + i + " lost");
        }
        sub.basicCancel(tag).join();
        pub.closeAsync().join();
        sub.closeAsync().join();
    }

    /** Fills a queue for the consume passes (not measured). */
    void fill(String queue, byte[] body, int count) {
        AmqpChannel ch = connection.openChannel().join();
        ch.confirmSelect().join();
        Semaphore free = new Semaphore(1024);
        for (int i = 0; i < count; i++) {
            free.acquireUninterruptibly();
            ch.basicPublish("", queue, false, BasicProperties.EMPTY, body).whenComplete((v, e) -> free.release());
        }
        free.acquireUninterruptibly(1024);
        ch.closeAsync().join();
    }

    AmqpConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.closeAsync().join();
        loop.close();
    }

    static CompletableFuture<Void> none() {
        return CompletableFuture.completedFuture(null);
    }
}
