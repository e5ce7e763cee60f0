package dev.aioj.bench.amqp;

import org.HdrHistogram.Histogram;

/**
 * One AMQP client under test, each pass done its best documented way. The
 * benchmark calls a driver from one thread at a time; a driver may start
 * its own threads (the publishing threads of a pass).
 */
interface AmqpDriver extends AutoCloseable {

    String name();

    /**
     * Publishes {@code count} copies of {@code body} to {@code queue} (default
     * exchange) with publisher confirms, from {@code threads} threads, each
     * with at most {@code window} unconfirmed messages; returns messages/s.
     */
    double confirmedPublish(String queue, byte[] body, int count, int threads, int window) throws Exception;

    /** Consumes {@code count} ready messages of {@code queue} with manual acks and this prefetch; messages/s. */
    double consume(String queue, int count, int prefetch) throws Exception;

    /** Publishes one message at a time and waits for its delivery; records the round trips in µs. */
    void endToEnd(String queue, int count, Histogram micros) throws Exception;

    @Override
    void close() throws Exception;
}
