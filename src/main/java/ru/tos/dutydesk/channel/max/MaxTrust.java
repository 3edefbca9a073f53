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

/**
 * The TLS trust of the MAX client alone: Java's own root certificates plus those of a PEM file (the Russian Trusted
 * Root CA, which Java does not carry and MAX's API host chains to). The JVM-wide trust store is left as it is, so
 * Telegram and VK keep trusting exactly what they did.
 */
final class MaxTrust {
    private MaxTrust() {
    }

    /** An SSL context trusting Java's roots and every certificate in {@code pemFile}. */
    static SSLContext withExtraRoots(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate root : javaRoots()) {
                store.setCertificateEntry("java-" + n++, root);
            }
            Collection<? extends Certificate> extra = read(pemFile);
            int added = 0;
            for (Certificate c : extra) {
                store.setCertificateEntry("max-ca-file-" + added++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("max.ca-file: " + pemFile + ": " + e.getMessage(), e);
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
