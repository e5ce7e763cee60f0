package dev.aioj.redis;

import java.time.Duration;

/**
 * What a view gives every command sent through it: the codec its bulk replies
 * decode with, and its deadline. One object per view, shared by its commands,
 * so a command carries one reference instead of both.
 *
 * @param codec how bulk strings decode (null for commands that never decode one)
 * @param timeoutNanos the deadline after submission; 0: none
 */
record CommandSettings(Codec<?> codec, long timeoutNanos) {

    /** For internal commands that decode nothing and have no deadline of their own. */
    static final CommandSettings NONE = new CommandSettings(null, 0);

    static CommandSettings of(Codec<?> codec, Duration timeout) {
        return new CommandSettings(codec, timeout.toNanos());
    }
}
