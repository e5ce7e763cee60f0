package dev.aioj.net;

import java.util.Objects;

/**
 * What {@code createDatagramEndpoint} gives back: the transport and the
 * protocol that the factory made for it (asyncio's {@code (transport,
 * protocol)} pair).
 *
 * @param transport the bound UDP transport
 * @param protocol the protocol receiving its events
 * @param <P> the protocol's type
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
    public DatagramEndpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
