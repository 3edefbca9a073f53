package ru.tos.dutydesk.channel.max;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The MAX client trusts the Russian Trusted Root CA without any set-up, and only the genuine one. */
class MaxTrustTest {
    @Test
    void the_bundled_root_is_the_ministrys_certificate_by_its_published_fingerprint() throws Exception {
        X509Certificate root = MaxTrust.bundledRoot();

        String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        assertThat(sha256).isEqualTo(MaxTrust.BUNDLED_ROOT_SHA256);
        assertThat(root.getSubjectX500Principal().getName()).contains("CN=Russian Trusted Root CA");
        root.verify(root.getPublicKey()); // self-signed: a root, not a copy with a changed field
    }

    @Test
    void the_max_client_trusts_it_beside_javas_own_roots_with_no_ca_file() throws Exception {
        X509Certificate[] issuers = MaxTrust.trustManager(Optional.empty()).getAcceptedIssuers();

        assertThat(issuers).contains(MaxTrust.bundledRoot());
        assertThat(issuers.length).isGreaterThan(50);
    }
}
