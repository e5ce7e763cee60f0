package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's TLS/SSL section: the TLS port and the PEM files and settings
 * of its listener ({@link TlsSetup} turns them into the JDK's TLS). Every
 * honoured setting other than the port may change at run time: the new
 * certificates and rules apply to connections accepted afterwards, as in
 * Redis. The client side (replication, cluster bus) does not exist here.
 */
final class TlsDirectives {

    private TlsDirectives() {}

    /** Rebuilds the TLS setup from the live values; one hook object for all, so CONFIG SET runs it once. */
    static final Directive.Hook RELOAD = TlsSetup::reload;

    static final Directive TLS_PORT = Directive.integer("tls-port", 0, 65535, 0).immutable()
            .honoured("also listen with TLS on this port, on the `bind` addresses (0: no TLS). Fixed while "
                    + "running.", RELOAD);

    static final Directive TLS_CERT_FILE = Directive.optionalText("tls-cert-file").flags(Directive.VOLATILE)
            .honoured("the server's certificate chain, PEM", RELOAD);

    static final Directive TLS_KEY_FILE = Directive.optionalText("tls-key-file").flags(Directive.VOLATILE)
            .honoured("the server's private key, PEM: PKCS#8, PKCS#1 RSA or SEC1 EC; encrypted PKCS#8 with "
                    + "`tls-key-file-pass`", RELOAD);

    static final Directive TLS_KEY_FILE_PASS = Directive.optionalText("tls-key-file-pass")
            .flags(Directive.SENSITIVE)
            .honoured("the password of an encrypted `tls-key-file`", RELOAD);

    static final Directive TLS_CA_CERT_FILE = Directive.optionalText("tls-ca-cert-file").flags(Directive.VOLATILE)
            .honoured("CA certificates, PEM, that client certificates must chain to", RELOAD);

    static final Directive TLS_CA_CERT_DIR = Directive.optionalText("tls-ca-cert-dir").flags(Directive.VOLATILE)
            .honoured("a folder of CA certificates, PEM, read like `tls-ca-cert-file`", RELOAD);

    /** Redis's tls_auth_clients_enum. */
    static final DirectiveType.Choice AUTH_CLIENTS = DirectiveType.Choice.of("yes", "no", "yes", "optional");

    static final Directive TLS_AUTH_CLIENTS = Directive.choice("tls-auth-clients", AUTH_CLIENTS)
            .honoured("`yes`: clients must present a certificate signed by the CA; `optional`: checked if "
                    + "presented; `no`: not asked for", RELOAD);

    static final Directive TLS_PROTOCOLS = Directive.optionalText("tls-protocols")
            .honoured("the TLS versions offered, e.g. `\"TLSv1.2 TLSv1.3\"` (the default)", RELOAD);

    static final Directive TLS_CIPHERSUITES = Directive.optionalText("tls-ciphersuites")
            .honoured("the TLSv1.3 suites offered, colon-separated (`TLS_AES_256_GCM_SHA384:...`); the JDK's "
                    + "names are the same as OpenSSL's here", RELOAD);

    static final Directive TLS_CIPHERS = Directive.optionalText("tls-ciphers")
            .ignored("an OpenSSL cipher list for TLSv1.2; the JDK's default TLSv1.2 suites are used");

    static final Directive TLS_PREFER_SERVER_CIPHERS = Directive.bool("tls-prefer-server-ciphers", false)
            .honoured("choose the cipher by the server's order rather than the client's", RELOAD);

    static final Directive TLS_SESSION_CACHING = Directive.bool("tls-session-caching", true)
            .ignored("the JDK's TLS session cache cannot be switched off per server");

    static final Directive TLS_SESSION_CACHE_SIZE = Directive.integer("tls-session-cache-size", 0,
            Integer.MAX_VALUE, 20 * 1024)
            .honoured("sessions the server keeps for resumption (0: no limit)", RELOAD);

    static final Directive TLS_SESSION_CACHE_TIMEOUT = Directive.integer("tls-session-cache-timeout", 0,
            Integer.MAX_VALUE, 300)
            .honoured("seconds a cached session stays valid", RELOAD);

    static final Directive TLS_DH_PARAMS_FILE = Directive.optionalText("tls-dh-params-file")
            .flags(Directive.VOLATILE)
            .ignored("the JDK picks its own Diffie-Hellman groups");

    static final Directive TLS_CLIENT_CERT_FILE = Directive.optionalText("tls-client-cert-file")
            .flags(Directive.VOLATILE)
            .ignored("the certificate for outgoing connections (replication, cluster), which aioj-server does not "
                    + "make");

    static final Directive TLS_CLIENT_KEY_FILE = Directive.optionalText("tls-client-key-file")
            .flags(Directive.VOLATILE)
            .ignored("the key for outgoing connections, which aioj-server does not make");

    static final Directive TLS_CLIENT_KEY_FILE_PASS = Directive.optionalText("tls-client-key-file-pass")
            .flags(Directive.SENSITIVE)
            .ignored("the key password for outgoing connections, which aioj-server does not make");

    static final Directive TLS_REPLICATION = Directive.bool("tls-replication", false)
            .ignored("aioj-server has no replication");

    static final Directive TLS_CLUSTER = Directive.bool("tls-cluster", false)
            .ignored("aioj-server has no cluster bus");

    static List<Directive> all() {
        return List.of(TLS_PORT, TLS_CERT_FILE, TLS_KEY_FILE, TLS_KEY_FILE_PASS, TLS_CA_CERT_FILE, TLS_CA_CERT_DIR,
                TLS_AUTH_CLIENTS, TLS_PROTOCOLS, TLS_CIPHERSUITES, TLS_CIPHERS, TLS_PREFER_SERVER_CIPHERS,
                TLS_SESSION_CACHING, TLS_SESSION_CACHE_SIZE, TLS_SESSION_CACHE_TIMEOUT, TLS_DH_PARAMS_FILE,
                TLS_CLIENT_CERT_FILE, TLS_CLIENT_KEY_FILE, TLS_CLIENT_KEY_FILE_PASS, TLS_REPLICATION, TLS_CLUSTER);
    }
}
