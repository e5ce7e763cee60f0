package dev.aioj.server;

import dev.aioj.net.Protocol;
import dev.aioj.tls.Tls;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS listener's setup, built from the tls-* directives as Redis's
 * {@code tlsConfigure} builds its OpenSSL context: the certificate chain and
 * key, the CAs that client certificates must chain to, whether clients must
 * present one, the protocols and TLSv1.3 suites offered, the server's cipher
 * preference and the session cache. {@link #reload} is the directives' hook:
 * at start, and after CONFIG SET (new connections then use the new
 * certificates, as in Redis).
 *
 * <p>Thread contract: immutable; {@link #reload} on the server's loop thread
 * (it reads files, as redis-server does on its main thread).
 */
final class TlsSetup {

    private static final System.Logger LOG = System.getLogger(TlsSetup.class.getName());
    private static final char[] KEYSTORE_PASSWORD = "aioj".toCharArray();

    private final Tls tls;

    private TlsSetup(Tls tls) {
        this.tls = tls;
    }

    /** A protocol factory that puts this TLS under each protocol {@code clients} makes. */
    Supplier<Protocol> wrap(Supplier<? extends Protocol> clients) {
        return tls.wrap(clients);
    }

    /**
     * The hook of every honoured tls-* directive: rebuilds the setup when the
     * server has a TLS port, and leaves the running one in place when the new
     * settings do not work.
     */
    static void reload(ServerState s) throws DirectiveException {
        if (s.live.number(TlsDirectives.TLS_PORT) == 0 && !s.config.anyFreeTlsPort()) {
            return; // Redis configures TLS only when something uses it
        }
        try {
            s.tls = build(s.live);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Failed to configure TLS: {0}", e.getMessage());
            throw new DirectiveException("Unable to update TLS configuration. Check server logs.",
                    "Failed to configure TLS: " + e.getMessage());
        }
    }

    static TlsSetup build(ConfigValues v) throws IOException, GeneralSecurityException {
        String certFile = v.text(TlsDirectives.TLS_CERT_FILE);
        String keyFile = v.text(TlsDirectives.TLS_KEY_FILE);
        if (certFile == null) {
            throw new IllegalArgumentException("No tls-cert-file configured!");
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("No tls-key-file configured!");
        }
        int auth = v.choice(TlsDirectives.TLS_AUTH_CLIENTS);
        String caFile = v.text(TlsDirectives.TLS_CA_CERT_FILE);
        String caDir = v.text(TlsDirectives.TLS_CA_CERT_DIR);
        boolean askClients = auth != TlsDirectives.AUTH_CLIENTS.valueOf("no");
        if (askClients && caFile == null && caDir == null) {
            throw new IllegalArgumentException("Either tls-ca-cert-file or tls-ca-cert-dir must be specified when "
                    + "tls-cluster, tls-replication or tls-auth-clients are enabled!");
        }
        String[] protocols = protocols(v.text(TlsDirectives.TLS_PROTOCOLS));

        List<X509Certificate> chain = PemFiles.certificates(v.resolve(certFile));
        PrivateKey key = PemFiles.privateKey(v.resolve(keyFile), v.text(TlsDirectives.TLS_KEY_FILE_PASS));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, KEYSTORE_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, KEYSTORE_PASSWORD);

        List<X509Certificate> cas = new ArrayList<>();
        if (caFile != null) {
            cas.addAll(PemFiles.certificates(v.resolve(caFile)));
        }
        if (caDir != null) {
            cas.addAll(PemFiles.certificatesIn(v.resolve(caDir)));
        }
        TrustManagerFactory trustManagers = null;
        if (!cas.isEmpty()) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca" + i, cas.get(i));
            }
            trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
        }

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(),
                new SecureRandom());
        context.getServerSessionContext().setSessionCacheSize(v.intValue(TlsDirectives.TLS_SESSION_CACHE_SIZE));
        context.getServerSessionContext().setSessionTimeout(v.intValue(TlsDirectives.TLS_SESSION_CACHE_TIMEOUT));

        String[] suites = cipherSuites(context, v.text(TlsDirectives.TLS_CIPHERSUITES));
        boolean serverOrder = v.bool(TlsDirectives.TLS_PREFER_SERVER_CIPHERS);
        boolean need = auth == TlsDirectives.AUTH_CLIENTS.valueOf("yes");
        boolean want = auth == TlsDirectives.AUTH_CLIENTS.valueOf("optional");
        Tls tls = Tls.server(context).withEngineConfigurator(engine -> {
            SSLParameters p = engine.getSSLParameters();
            p.setProtocols(protocols);
            if (suites != null) {
                p.setCipherSuites(suites);
            }
            p.setUseCipherSuitesOrder(serverOrder);
            if (need) {
                p.setNeedClientAuth(true);
            } else if (want) {
                p.setWantClientAuth(true);
            }
            engine.setSSLParameters(p);
        });
        return new TlsSetup(tls);
    }

    /** tls-protocols: "TLSv1.2 TLSv1.3" by default, names in any case. */
    private static String[] protocols(String setting) {
        if (setting == null) {
            return new String[] {"TLSv1.2", "TLSv1.3"};
        }
        List<String> out = new ArrayList<>();
        for (String word : setting.split(" ")) {
            switch (word.toLowerCase(Locale.ROOT)) {
                case "tlsv1" -> out.add("TLSv1");
                case "tlsv1.1" -> out.add("TLSv1.1");
                case "tlsv1.2" -> out.add("TLSv1.2");
                case "tlsv1.3" -> out.add("TLSv1.3");
                default -> throw new IllegalArgumentException("Invalid tls-protocols specified. Use a combination of "
                        + "'TLSv1', 'TLSv1.1', 'TLSv1.2' and 'TLSv1.3'.");
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * tls-ciphersuites (TLSv1.3, colon-separated) with the JDK's default
     * TLSv1.2 suites, or null to keep the defaults.
     */
    private static String[] cipherSuites(SSLContext context, String setting) {
        if (setting == null) {
            return null;
        }
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>();
        for (String suite : setting.split(":")) {
            if (!supported.contains(suite)) {
                throw new IllegalArgumentException("Failed to configure ciphersuites: " + setting);
            }
            suites.add(suite);
        }
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            if (!isTls13(suite)) {
                suites.add(suite);
            }
        }
        return suites.toArray(new String[0]);
    }

    private static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }
}
