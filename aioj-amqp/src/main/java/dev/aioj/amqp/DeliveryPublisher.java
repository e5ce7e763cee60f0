package dev.aioj.amqp;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * A consumer as a {@link Flow.Publisher} ({@link AmqpChannel#consume}): one
 * subscriber, messages handed on the loop thread as the subscriber's demand
 * allows. Backpressure is the broker's: acks are manual, so the broker sends
 * at most the channel's prefetch ({@code basicQos}) unacknowledged messages,
 * and this buffer never holds more than that. Cancelling the subscription
 * cancels the consumer; the broker cancelling it completes the subscriber;
 * the channel closing fails it. State on the loop thread only.
 */
final class DeliveryPublisher implements Flow.Publisher<Delivery> {

    private final AmqpChannel channel;
    private final String queue;
    private final Map<String, Object> arguments;
    private boolean subscribed; // loop thread

    DeliveryPublisher(AmqpChannel channel, String queue, Map<String, Object> arguments) {
        this.channel = channel;
        this.queue = queue;
        this.arguments = arguments;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Delivery> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        channel.connection.onLoop(() -> {
            if (subscribed) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override public void request(long n) {}
                    @Override public void cancel() {}
                });
                subscriber.onError(new IllegalStateException("this publisher of " + queue
                        + " has a subscriber already: one consumer, one subscriber"));
                return;
            }
            subscribed = true;
            new Subscription(subscriber).start();
        }, null);
    }

    private final class Subscription implements Flow.Subscription, DeliverCallback {
        private final Flow.Subscriber<? super Delivery> subscriber;
        private final ArrayDeque<Delivery> buffer = new ArrayDeque<>();
        private long demand;
        private boolean done;
        private String tag;

        Subscription(Flow.Subscriber<? super Delivery> subscriber) {
            this.subscriber = subscriber;
        }

        void start() {
            subscriber.onSubscribe(this);
            channel.basicConsume(queue, false, false, arguments, this).whenComplete((t, e) -> {
                if (e != null) {
                    channel.connection.onLoop(() -> fail(e instanceof java.util.concurrent.CompletionException
                            && e.getCause() != null ? e.getCause() : e), null);
                } else {
                    channel.connection.onLoop(() -> {
                        tag = t;
                        if (done) channel.basicCancel(t); // cancelled before consume-ok
                    }, null);
                }
            });
        }

        @Override
        public void request(long n) {
            channel.connection.onLoop(() -> {
                if (done) return;
                if (n <= 0) {
                    cancelConsumer();
                    fail(new IllegalArgumentException("request(n) with n <= 0: " + n + " (Reactive Streams 3.9)"));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                drain();
            }, null);
        }

        @Override
        public void cancel() {
            channel.connection.onLoop(() -> {
                if (done) return;
                done = true;
                buffer.clear(); // unacked: the broker redelivers them to another consumer
                cancelConsumer();
            }, null);
        }

        private void cancelConsumer() {
            if (tag != null && channel.isOpen()) channel.basicCancel(tag);
        }

        @Override
        public void handle(Delivery delivery) {
            if (done) return;
            buffer.add(delivery);
            drain();
        }

        @Override
        public void cancelled(String consumerTag, boolean byBroker) {
            if (done) return;
            if (byBroker) {
                drain();
                done = true;
                subscriber.onComplete();
            } else {
                fail(channel.closeError());
            }
        }

        private void drain() {
            while (demand > 0 && !buffer.isEmpty() && !done) {
                demand--;
                Delivery d = buffer.poll();
                channel.safely(() -> subscriber.onNext(d));
            }
        }

        private void fail(Throwable error) {
            if (done) return;
            done = true;
            buffer.clear();
            subscriber.onError(error);
        }
    }
}
