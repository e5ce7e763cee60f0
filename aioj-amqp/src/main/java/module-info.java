/**
 * aioj-amqp: the async AMQP 0-9-1 client (RabbitMQ's protocol) on the aioj
 * loop. One connection is one socket on one loop; channels are safe from any
 * thread; a confirmed publish is a future; broker flow control makes
 * publishes wait without blocking a thread. Built on aioj-core, no other
 * dependency; logging through {@link System.Logger}.
 */
module dev.aioj.amqp {
    requires transitive dev.aioj.core; // EventLoop and Tls are in the API

    exports dev.aioj.amqp;
}
