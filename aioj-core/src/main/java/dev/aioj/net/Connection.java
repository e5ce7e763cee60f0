package dev.aioj.net;

import java.util.Objects;

/**
 * What {@code createConnection} gives back: the transport and the protocol
 * that the factory made for it (asyncio's {@code (transport, protocol)} pair).
 *
 * @param transport the connected transport
 * @param protocol the protocol receiving its events
 * @param <P> the protocol's type
 */
public record Connection<P extends Protocol>(Transport transport, P protocol) {
    public Connection {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
