package dev.aioj.amqp;

import java.util.Date;
import java.util.Map;

/**
 * A message's properties (AMQP's basic class content header). Every field
 * may be null: absent on the wire. {@link #EMPTY} sends none, as the seed's
 * hello world does; {@link #PERSISTENT} sets delivery mode 2. Build others
 * with {@link #builder()} or the record's constructor. Immutable, any thread.
 */
public record BasicProperties(String contentType, String contentEncoding, Map<String, Object> headers,
        Integer deliveryMode, Integer priority, String correlationId, String replyTo, String expiration,
        String messageId, Date timestamp, String type, String userId, String appId) {

    public static final BasicProperties EMPTY = builder().build();
    public static final BasicProperties PERSISTENT = builder().deliveryMode(2).build();

    public BasicProperties {
        if (headers != null) headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        if (deliveryMode != null && (deliveryMode < 0 || deliveryMode > 255)) {
            throw new IllegalArgumentException("deliveryMode not an octet: " + deliveryMode);
        }
        if (priority != null && (priority < 0 || priority > 255)) {
            throw new IllegalArgumentException("priority not an octet: " + priority);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields of a {@link BasicProperties}; not thread-safe. */
    public static final class Builder {
        private String contentType, contentEncoding, correlationId, replyTo, expiration, messageId, type, userId,
                appId;
        private Map<String, Object> headers;
        private Integer deliveryMode, priority;
        private Date timestamp;

        private Builder() {}

        public Builder contentType(String v) { contentType = v; return this; }
        public Builder contentEncoding(String v) { contentEncoding = v; return this; }
        public Builder headers(Map<String, Object> v) { headers = v; return this; }
        public Builder deliveryMode(int v) { deliveryMode = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder correlationId(String v) { correlationId = v; return this; }
        public Builder replyTo(String v) { replyTo = v; return this; }
        public Builder expiration(String v) { expiration = v; return this; }
        public Builder messageId(String v) { messageId = v; return this; }
        public Builder timestamp(Date v) { timestamp = v; return this; }
        public Builder type(String v) { type = v; return this; }
        public Builder userId(String v) { userId = v; return this; }
        public Builder appId(String v) { appId = v; return this; }

        public BasicProperties build() {
            return new BasicProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                    replyTo, expiration, messageId, timestamp, type, userId, appId);
        }
    }

    /** Flags (bit 15 first, in the spec's order) then the present fields. */
    void encode(FrameEncoder out) {
        int flags = 0;
        if (contentType != null) flags |= 1 << 15;
        if (contentEncoding != null) flags |= 1 << 14;
        if (headers != null) flags |= 1 << 13;
        if (deliveryMode != null) flags |= 1 << 12;
        if (priority != null) flags |= 1 << 11;
        if (correlationId != null) flags |= 1 << 10;
        if (replyTo != null) flags |= 1 << 9;
        if (expiration != null) flags |= 1 << 8;
        if (messageId != null) flags |= 1 << 7;
        if (timestamp != null) flags |= 1 << 6;
        if (type != null) flags |= 1 << 5;
        if (userId != null) flags |= 1 << 4;
        if (appId != null) flags |= 1 << 3;
        out.shortInt(flags);
        if (flags == 0) return;
        if (contentType != null) out.shortString(contentType);
        if (contentEncoding != null) out.shortString(contentEncoding);
        if (headers != null) out.table(headers);
        if (deliveryMode != null) out.octet(deliveryMode);
        if (priority != null) out.octet(priority);
        if (correlationId != null) out.shortString(correlationId);
        if (replyTo != null) out.shortString(replyTo);
        if (expiration != null) out.shortString(expiration);
        if (messageId != null) out.shortString(messageId);
        if (timestamp != null) out.longLong(timestamp.getTime() / 1000);
        if (type != null) out.shortString(type);
        if (userId != null) out.shortString(userId);
        if (appId != null) out.shortString(appId);
    }

    /** Reads the property flags and fields of a content header (after class, weight and body size). */
    static BasicProperties decode(FieldReader r) {
        int flags = r.shortInt();
        if (flags == 0) return EMPTY;
        return new BasicProperties(
                (flags & 1 << 15) != 0 ? r.shortString() : null,
                (flags & 1 << 14) != 0 ? r.shortString() : null,
                (flags & 1 << 13) != 0 ? r.table() : null,
                (flags & 1 << 12) != 0 ? r.octet() : null,
                (flags & 1 << 11) != 0 ? r.octet() : null,
                (flags & 1 << 10) != 0 ? r.shortString() : null,
                (flags & 1 << 9) != 0 ? r.shortString() : null,
                (flags & 1 << 8) != 0 ? r.shortString() : null,
                (flags & 1 << 7) != 0 ? r.shortString() : null,
                (flags & 1 << 6) != 0 ? new Date(r.longLong() * 1000) : null,
                (flags & 1 << 5) != 0 ? r.shortString() : null,
                (flags & 1 << 4) != 0 ? r.shortString() : null,
                (flags & 1 << 3) != 0 ? r.shortString() : null);
    }
}
