package dev.aioj.loop;

/**
 * A snapshot of an event loop's counters. Read off the loop thread, the
 * values may lag by an iteration.
 *
 * @param iterations times the loop went round (one poll of the selector each)
 * @param wakeups times another thread woke the loop from a blocking poll;
 *     {@link EventLoop#execute} wakes it only when it is blocked
 * @param tasksRun callbacks run: tasks, timers and I/O events
 */
public record LoopStats(long iterations, long wakeups, long tasksRun) {}
