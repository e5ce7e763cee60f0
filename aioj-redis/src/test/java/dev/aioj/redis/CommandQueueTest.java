package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intrusive MPSC queue alone: many producers, one consumer, nothing lost or duplicated, order kept per producer. */
class CommandQueueTest {

    private static Command<Object> command(int producer, int sequence) {
        return new ArgsCommand<>(new Object[] {"P", producer, sequence}, Reply.OBJECT, CommandSettings.NONE);
    }

    @Test
    void eightProducersAndOneConsumerLoseAndDuplicateNothing() throws Exception {
        CommandQueue queue = new CommandQueue();
        int producers = 8;
        int each = 20_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    queue.offer(command(producer, i));
                }
            }));
        }
        int[] next = new int[producers];
        int taken = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (taken < producers * each && System.nanoTime() < deadline) {
            Command<?> c = queue.poll();
            if (c == null) {
                Thread.onSpinWait(); // a producer between its swap and its link: the node appears shortly
                continue;
            }
            int producer = (Integer) ((ArgsCommand<?>) c).args[1];
            int sequence = (Integer) ((ArgsCommand<?>) c).args[2];
            assertThat(sequence).as("producer %d's order", producer).isEqualTo(next[producer]);
            next[producer]++;
            taken++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(taken).isEqualTo(producers * each);
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void anEmptyQueuePollsNull() {
        CommandQueue queue = new CommandQueue();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
        Command<Object> only = command(0, 0);
        queue.offer(only);
        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.poll()).isSameAs(only);
        assertThat(queue.poll()).isNull();
    }
}
