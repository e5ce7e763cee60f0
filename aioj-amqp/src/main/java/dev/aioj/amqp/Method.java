package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The methods a broker sends a client, decoded from a method frame's
 * payload: one record each, so the connection and channel switch over them
 * exhaustively. A method this client does not know (or that a broker must
 * not send) is a protocol error naming its class and method ids. Loop
 * thread only.
 */
sealed interface Method {

    record ConnectionStart(int major, int minor, Map<String, Object> serverProperties, String mechanisms)
            implements Method {}
    record ConnectionSecure(byte[] challenge) implements Method {}
    record ConnectionTune(int channelMax, int frameMax, int heartbeat) implements Method {}
    record ConnectionOpenOk() implements Method {}
    record ConnectionClose(int replyCode, String replyText, int classId, int methodId) implements Method {}
    record ConnectionCloseOk() implements Method {}
    record ConnectionBlocked(String reason) implements Method {}
    record ConnectionUnblocked() implements Method {}
    record ChannelOpenOk() implements Method {}
    record ChannelFlow(boolean active) implements Method {}
    record ChannelFlowOk(boolean active) implements Method {}
    record ChannelClose(int replyCode, String replyText, int classId, int methodId) implements Method {}
    record ChannelCloseOk() implements Method {}
    record ExchangeDeclareOk() implements Method {}
    record ExchangeDeleteOk() implements Method {}
    record QueueDeclareOk(String queue, int messageCount, int consumerCount) implements Method {}
    record QueueBindOk() implements Method {}
    record QueueUnbindOk() implements Method {}
    record QueuePurgeOk(int messageCount) implements Method {}
    record QueueDeleteOk(int messageCount) implements Method {}
    record BasicQosOk() implements Method {}
    record BasicConsumeOk(String consumerTag) implements Method {}
    record BasicCancel(String consumerTag) implements Method {}
    record BasicCancelOk(String consumerTag) implements Method {}
    record BasicReturn(int replyCode, String replyText, String exchange, String routingKey) implements Method {}
    record BasicDeliver(String consumerTag, long deliveryTag, boolean redelivered, String exchange,
            String routingKey) implements Method {}
    record BasicGetOk(long deliveryTag, boolean redelivered, String exchange, String routingKey, int messageCount)
            implements Method {}
    record BasicGetEmpty() implements Method {}
    record BasicAck(long deliveryTag, boolean multiple) implements Method {}
    record BasicNack(long deliveryTag, boolean multiple, boolean requeue) implements Method {}
    record BasicRecoverOk() implements Method {}
    record ConfirmSelectOk() implements Method {}

    /** Whether a content header and bodies follow this method. */
    default boolean hasContent() {
        return this instanceof BasicDeliver || this instanceof BasicReturn || this instanceof BasicGetOk;
    }

    /** Decodes one method frame's payload; {@code base} is its stream offset, for errors. */
    static Method decode(ByteBuffer payload, long base) {
        FieldReader r = new FieldReader(payload, base);
        int classId = r.shortInt();
        int methodId = r.shortInt();
        return switch (classId << 16 | methodId) {
            case 10 << 16 | 10 -> new ConnectionStart(r.octet(), r.octet(), r.table(), r.longString());
            case 10 << 16 | 20 -> new ConnectionSecure(r.longBytes());
            case 10 << 16 | 30 -> new ConnectionTune(r.shortInt(), r.longInt(), r.shortInt());
            case 10 << 16 | 41 -> new ConnectionOpenOk();
            case 10 << 16 | 50 -> new ConnectionClose(r.shortInt(), r.shortString(), r.shortInt(), r.shortInt());
            case 10 << 16 | 51 -> new ConnectionCloseOk();
            case 10 << 16 | 60 -> new ConnectionBlocked(r.shortString());
            case 10 << 16 | 61 -> new ConnectionUnblocked();
            case 20 << 16 | 11 -> new ChannelOpenOk();
            case 20 << 16 | 20 -> new ChannelFlow((r.octet() & 1) != 0);
            case 20 << 16 | 21 -> new ChannelFlowOk((r.octet() & 1) != 0);
            case 20 << 16 | 40 -> new ChannelClose(r.shortInt(), r.shortString(), r.shortInt(), r.shortInt());
            case 20 << 16 | 41 -> new ChannelCloseOk();
            case 40 << 16 | 11 -> new ExchangeDeclareOk();
            case 40 << 16 | 21 -> new ExchangeDeleteOk();
            case 50 << 16 | 11 -> new QueueDeclareOk(r.shortString(), r.longInt(), r.longInt());
            case 50 << 16 | 21 -> new QueueBindOk();
            case 50 << 16 | 31 -> new QueuePurgeOk(r.longInt());
            case 50 << 16 | 41 -> new QueueDeleteOk(r.longInt());
            case 50 << 16 | 51 -> new QueueUnbindOk();
            case 60 << 16 | 11 -> new BasicQosOk();
            case 60 << 16 | 21 -> new BasicConsumeOk(r.shortString());
            case 60 << 16 | 30 -> new BasicCancel(r.shortString());
            case 60 << 16 | 31 -> new BasicCancelOk(r.shortString());
            case 60 << 16 | 50 -> new BasicReturn(r.shortInt(), r.shortString(), r.shortString(), r.shortString());
            case 60 << 16 | 60 -> new BasicDeliver(r.shortString(), r.longLong(), (r.octet() & 1) != 0,
                    r.shortString(), r.shortString());
            case 60 << 16 | 71 -> new BasicGetOk(r.longLong(), (r.octet() & 1) != 0, r.shortString(),
                    r.shortString(), r.longInt());
            case 60 << 16 | 72 -> new BasicGetEmpty();
            case 60 << 16 | 80 -> new BasicAck(r.longLong(), (r.octet() & 1) != 0);
            case 60 << 16 | 120 -> {
                long tag = r.longLong();
                int bits = r.octet();
                yield new BasicNack(tag, (bits & 1) != 0, (bits & 2) != 0);
            }
            case 60 << 16 | 111 -> new BasicRecoverOk();
            case 85 << 16 | 11 -> new ConfirmSelectOk();
            default -> throw new AmqpProtocolException(
                    "unknown method " + classId + "." + methodId + " (class.method)", base, classId << 16 | methodId);
        };
    }
}
