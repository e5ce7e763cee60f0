package dev.aioj.net;

/**
 * A snapshot of one transport's traffic counters. Exact when taken on the
 * transport's loop thread; taken elsewhere, a value may lag behind.
 *
 * @param bytesRead bytes received from the peer
 * @param bytesWritten bytes handed to the operating system
 * @param readCalls successful read system calls
 * @param writeCalls write system calls: the number of flushes that reached the
 *     socket, so a test can check that many small writes left together
 */
public record TransportStats(long bytesRead, long bytesWritten, long readCalls, long writeCalls) {}
