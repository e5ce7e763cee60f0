package dev.aioj.redis;

import dev.aioj.redis.resp.FrameHandler;
import dev.aioj.redis.resp.RespProtocolException;
import dev.aioj.redis.resp.RespValue;
import java.nio.ByteBuffer;

/**
 * The read side of a {@link Pipeline}: feeds the socket's bytes to its
 * parser and matches each complete reply to the command at the head of the
 * reply FIFO, in order (Redis answers in order), completing that command's
 * future. Out-of-band frames (RESP3 pushes, RESP2 pub/sub messages) go to
 * {@link PubSub}. A malformed reply drops the socket ({@link Lifecycle}).
 *
 * <p>It takes commands out of the FIFO; the pipeline, asked through {@link
 * Pipeline#settled}, counts them answered, before their futures complete
 * (completing runs the caller's code, which may look at the count).
 *
 * <p>Thread contract: loop thread only.
 */
final class Replies implements FrameHandler {

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final Pipeline pipeline;
    private final ReplyWaiters waiters;
    private final Deadlines deadlines;
    private final PubSub pubSub;

    Replies(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.waiters = pipeline.waiters;
        this.deadlines = pipeline.deadlines;
        this.pubSub = pipeline.pubSub;
    }

    /** Bytes from {@code from}'s socket: every complete reply goes to this handler. */
    void onData(Link from, ByteBuffer data) {
        if (from != pipeline.link()) {
            return;
        }
        pipeline.pickUpCallerWrite();
        try {
            from.parser.feed(data);
            while (from.parser.next(this)) {
                if (pipeline.link() != from) {
                    return; // a reply's callback closed or aborted the connection
                }
            }
        } catch (RespProtocolException e) {
            protocolError(RedisProtocolException.from(e));
            return;
        } catch (RedisProtocolException e) {
            protocolError(e);
            return;
        }
        pipeline.lifecycle.closeIfSettled(); // after the last reply of a graceful close
    }

    private void protocolError(RedisProtocolException e) {
        LOG.log(System.Logger.Level.WARNING, "protocol error from " + pipeline.endpoint
                + ", dropping the connection", e);
        pipeline.lifecycle.dropLink(e);
    }

    @Override
    public boolean takesBulk() {
        Command<?> head = waiters.peek();
        return head != null && head.takesBulk();
    }

    /** A GET-like command's bulk reply, decoded from the parser's buffer by the command's codec. */
    @Override
    public void bulk(byte[] buffer, int offset, int length) {
        deadlines.replyArrived();
        Command<?> head = waiters.poll();
        pipeline.settled(); // counted answered before its future completes: that runs the caller's code
        head.onBulk(buffer, offset, length);
    }

    @Override
    public void value(RespValue value) {
        while (value instanceof RespValue.Attributed attributed) {
            value = attributed.value(); // RESP3 attributes decorate any frame, pushes too: metadata only
        }
        Command<?> head = waiters.peek();
        if (value instanceof RespValue.Push push && (head == null || !head.acceptsPush(push))) {
            pubSub.onPush(push); // out-of-band: pub/sub messages, invalidations
            return;
        }
        if (pubSub.isMessage(value)) {
            return; // a RESP2 pub/sub message on a subscribed connection
        }
        if (head == null) {
            throw new RedisProtocolException("a reply arrived with no command waiting: " + value,
                    pipeline.link().parser.position(), -1);
        }
        deadlines.replyArrived();
        if (head.isLastReply(value)) {
            waiters.poll();
            pipeline.settled(); // counted answered before its future completes
        }
        head.onReply(value);
    }
}
