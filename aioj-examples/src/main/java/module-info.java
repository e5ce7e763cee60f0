/**
 * aioj-examples: every program of the seed documents as a runnable, tested
 * Java program, one package per seed. The registry ({@code
 * dev.aioj.examples.Examples}) is the only exported API: the launcher's
 * {@code Main} and the CLI list and run examples through it.
 */
module dev.aioj.examples {
    requires dev.aioj.core;
    requires dev.aioj.redis;
    requires dev.aioj.memcached;
    requires dev.aioj.amqp;

    exports dev.aioj.examples;
}
