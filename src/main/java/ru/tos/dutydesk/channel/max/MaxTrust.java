package ru.tos.dutydesk.channel.max;

import ru.tos.dutydesk.config.ConfigException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

/**
 * The TLS trust of the MAX client alone: Java's own root certificates, the Russian Trusted Root CA (which Java does
 * not carry and MAX's API host chains to; bundled, see {@link #BUNDLED_ROOT}) and those of an optional PEM file
 * ({@code max.ca-file}, for a renewed or additional certificate). The JVM-wide trust store is left as it is, so
 * Telegram and VK keep trusting exactly what they did.
 */
final class MaxTrust {
    /**
     * The Ministry of Digital Development's root (valid 2022-03-01 to 2032-02-27), SHA-256 fingerprint
     * {@value #BUNDLED_ROOT_SHA256}, as published with it at gosuslugi.ru/crt; {@code MaxTrustTest} checks the file.
     */
    static final String BUNDLED_ROOT = "/max/russian-trusted-root-ca.pem";
    static final String BUNDLED_ROOT_SHA256 =
            "D2:6D:2D:02:31:B7:C3:9F:92:CC:73:85:12:BA:54:10:35:19:E4:40:5D:68:B5:BD:70:3E:97:88:CA:8E:CF:31";

    private MaxTrust() {
    }

    /** An SSL context trusting Java's roots, the bundled Russian root and every certificate in {@code pemFile}. */
    static SSLContext context(Optional<Path> pemFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustManager(pemFile)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    static X509TrustManager trustManager(Optional<Path> pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate root : javaRoots()) {
                store.setCertificateEntry("java-" + n++, root);
            }
            store.setCertificateEntry("russian-trusted-root-ca", bundledRoot());
            if (pemFile.isPresent()) {
                int added = 0;
                for (Certificate c : read(pemFile.get())) {
                    store.setCertificateEntry("max-ca-file-" + added++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this Java");
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("max.ca-file: " + pemFile.map(Path::toString).orElse("-") + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate bundledRoot() throws GeneralSecurityException, IOException {
        try (InputStream in = MaxTrust.class.getResourceAsStream(BUNDLED_ROOT)) {
            if (in == null) {
                throw new IOException(BUNDLED_ROOT + " is missing from the jar");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Collection<? extends Certificate> read(Path pemFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new ConfigException("max.ca-file: " + pemFile + ": not a certificate file (PEM or DER): " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new ConfigException("max.ca-file: " + pemFile + ": no certificate in the file");
        }
        return certs;
    }

    private static X509Certificate[] javaRoots() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
