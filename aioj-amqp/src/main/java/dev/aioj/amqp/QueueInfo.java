package dev.aioj.amqp;

/**
 * The broker's answer to a queue declaration: the queue's name (the one it
 * chose for a declaration of {@code ""}), its ready messages and its
 * consumers. Immutable, any thread.
 */
public record QueueInfo(String queue, int messageCount, int consumerCount) {}
