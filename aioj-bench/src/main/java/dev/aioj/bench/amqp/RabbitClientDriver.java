package dev.aioj.bench.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The official com.rabbitmq:amqp-client 5.38, its documented ways: a channel
 * per publishing thread (its channels are not safe to share for publishing);
 * a window of 1 awaits each message with {@code waitForConfirmsOrDie}; a
 * larger window tracks outstanding sequence numbers in a
 * ConcurrentSkipListMap cleared by a ConfirmListener (RabbitMQ's "publisher
 * confirms" tutorial, strategy 3), with a semaphore bounding the window;
 * consumers ack from {@code DeliverCallback}.
 */
final class RabbitClientDriver implements AmqpDriver {

    private final Connection connection;

    RabbitClientDriver(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(false);
        connection = factory.newConnection("bench");
    }

    @Override
    public String name() {
        return "amqp-client 5.38";
    }

    @Override
    public double confirmedPublish(String queue, byte[] body, int count, int threads, int window) throws Exception {
        List<Channel> channels = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Channel ch = connection.createChannel();
            ch.confirmSelect();
            channels.add(ch);
        }
        List<Thread> started = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int mine = count / threads + (t < count % threads ? 1 : 0);
            Channel ch = channels.get(t);
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    if (window == 1) {
                        for (int i = 0; i < mine; i++) {
                            ch.basicPublish("", queue, null, body);
                            ch.waitForConfirmsOrDie(10_000);
                        }
                        return;
                    }
                    Semaphore free = new Semaphore(window);
                    ConcurrentNavigableMap<Long, Boolean> outstanding = new ConcurrentSkipListMap<>();
                    ch.addConfirmListener((tag, multiple) -> release(outstanding, free, tag, multiple),
                            (tag, multiple) -> release(outstanding, free, tag, multiple));
                    for (int i = 0; i < mine; i++) {
                        free.acquireUninterruptibly();
                        outstanding.put(ch.getNextPublishSeqNo(), Boolean.TRUE);
                        ch.basicPublish("", queue, null, body);
                    }
                    free.acquireUninterruptibly(window);
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Thread t : started) t.join();
        double rate = count / ((System.nanoTime() - t0) / 1e9);
        for (Channel ch : channels) ch.close();
        if (!errors.isEmpty()) throw errors.get(0);
        return rate;
    }

    private static void release(ConcurrentNavigableMap<Long, Boolean> outstanding, Semaphore free, long tag,
            boolean multiple) {
        if (multiple) {
            ConcurrentNavigableMap<Long, Boolean> done = outstanding.headMap(tag, true);
            int n = done.size();
            done.clear();
            free.release(n);
        } else if (outstanding.remove(tag) != null) {
            free.release();
        }
    }

    @Override
    public double consume(String queue, int count, int prefetch) throws Exception {
        Channel ch = connection.createChannel();
        ch.basicQos(prefetch);
        CountDownLatch done = new CountDownLatch(count);
        long t0 = System.nanoTime();
        String tag = ch.basicConsume(queue, false, (consumerTag, d) -> {
            ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
            done.countDown();
        }, consumerTag -> {});
        if (!done.await(300, TimeUnit.SECONDS)) throw new IllegalStateException(done.getCount() + " not consumed");
        double rate = count / ((System.nanoTime() - t0) / 1e9);
        ch.basicCancel(tag);
        ch.close();
        return rate;
    }

    @Override
    public void endToEnd(String queue, int count, Histogram micros) throws Exception {
        Channel pub = connection.createChannel();
        Channel sub = connection.createChannel();
        java.util.concurrent.BlockingQueue<Long> arrived = new java.util.concurrent.ArrayBlockingQueue<>(16);
        String tag = sub.basicConsume(queue, true, (consumerTag, d) -> {
            long sent = ByteBuffer.wrap(d.getBody()).getLong();
            micros.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            try {
                arrived.put(sent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, consumerTag -> {});
        byte[] body = new byte[16];
        for (int i = 0; i < count; i++) {
            ByteBuffer.wrap(body).putLong(System.nanoTime());
            pub.basicPublish("", queue, null, body.clone());
            if (arrived.poll(10, TimeUnit.SECONDS) == null) throw new IllegalStateException("message " + i + " lost");
        }
        sub.basicCancel(tag);
        pub.close();
        sub.close();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
