package dev.aioj.amqp;

import dev.aioj.tls.Tls;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/** The TLS of an {@code amqps://} URI without {@link AmqpOptions#tls()}: the JDK's default context. */
final class DefaultTls {

    private DefaultTls() {}

    static Tls get() {
        try {
            return Tls.client(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new AmqpException("no default TLS context", e);
        }
    }
}
