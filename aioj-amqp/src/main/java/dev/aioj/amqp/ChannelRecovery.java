package dev.aioj.amqp;

import java.util.concurrent.CompletableFuture;

/**
 * The steps that bring one channel back after a recovery's new socket, in
 * the order {@link Recovery} runs them: reopen (channel.open, its prefetch,
 * confirm mode), declarations again (on the first channel), then consume
 * again and open the channel to its callers, whose waiting calls and
 * publishes go out. Each step is a chain of the channel's own synchronous
 * calls. Loop thread only.
 */
final class ChannelRecovery {

    private ChannelRecovery() {}

    /** Recovery, first step: reopens a channel on the new socket with its qos and confirm mode. */
    static CompletableFuture<?> reopen(AmqpChannel ch) {
        int id = ch.id;
        CompletableFuture<?> chain = rpcFuture(ch, ChannelMethods.open(id), Method.ChannelOpenOk.class);
        if (ch.prefetch >= 0) {
            byte[] qos = ChannelMethods.basicQos(id, ch.prefetch);
            chain = chain.thenCompose(v -> rpcFuture(ch, qos, Method.BasicQosOk.class));
        }
        if (ch.confirms != null) {
            byte[] select = ChannelMethods.confirmSelect(id);
            chain = chain.thenCompose(v -> rpcFuture(ch, select, Method.ConfirmSelectOk.class));
        }
        return chain;
    }

    /** Recovery, last step (after the topology): consumes again, then opens the channel to its callers. */
    static CompletableFuture<?> reconsume(AmqpChannel ch) {
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (RegisteredConsumer c : ch.consumers.all()) {
            chain = chain.thenCompose(v -> rpcFuture(ch,
                    ChannelMethods.basicConsume(ch.id, c, ch.connection.topology().currentName(c.queue)),
                    Method.BasicConsumeOk.class));
        }
        return chain.thenRun(() -> {
            if (ch.state != AmqpChannel.State.RECOVERING) return;
            ch.state = AmqpChannel.State.OPEN;
            ch.rpcs.resumeDeferred();
            ch.flushWaiting();
        });
    }

    /** Recovery: one recorded declaration sent again on a channel; the declare-ok's queue name. */
    static CompletableFuture<String> redeclare(AmqpChannel ch, Topology.Declaration d) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Class<? extends Method> reply = switch (d.kind()) {
            case EXCHANGE -> Method.ExchangeDeclareOk.class;
            case QUEUE -> Method.QueueDeclareOk.class;
            case BINDING -> Method.QueueBindOk.class;
        };
        ch.rpcs.callNow(d.encoder().apply(ch.id, ch.connection.topology()), reply,
                m -> m instanceof Method.QueueDeclareOk ok ? ok.queue() : d.name(), f);
        return f;
    }

    private static CompletableFuture<Object> rpcFuture(AmqpChannel ch, byte[] frame, Class<? extends Method> reply) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        ch.rpcs.callNow(frame, reply, m -> m, f);
        return f;
    }
}
