package ru.tos.dutydesk.channel.max;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.doctor.CheckResult;
import ru.tos.dutydesk.doctor.CheckResult.Status;
import ru.tos.dutydesk.testing.FreePort;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor's MAX check through the channel's own client: the token works (GET /me), a refused token and an unreachable
 * host are named, and TLS is verified with the channel's trust: a host whose certificate chains to a root Java
 * lacks fails until that root is given in {@code max.ca-file}, as MAX's own host (Russian Trusted Root CA) does.
 */
class MaxDoctorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final MaxApiEmulator max = new MaxApiEmulator();
    private HttpsServer https;

    MaxDoctorIT() throws IOException {
    }

    @AfterEach
    void stop() {
        max.close();
        if (https != null) {
            https.stop(0);
        }
    }

    private static CheckResult run(String token, String url, Optional<Path> caFile) {
        return new MaxDoctor(new MaxSettings(token, url, caFile, 2), TIMEOUT).run();
    }

    @Test
    void aWorkingTokenNamesTheBot() {
        CheckResult r = run(MaxApiEmulator.TOKEN, max.apiUrl(), Optional.empty());

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(r.detail()).contains("@" + MaxApiEmulator.BOT_USERNAME).contains(String.valueOf(MaxApiEmulator.BOT_ID));
        assertThat(max.calls("/me")).isEqualTo(1);
        assertThat(max.tokenLeaks()).isEmpty();
    }

    @Test
    void aRefusedTokenSaysWhereToGetANewOne() {
        CheckResult r = run("some-other-bot-token-123", max.apiUrl(), Optional.empty());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("не принял токен").contains("401");
        assertThat(r.fix()).contains("business.max.ru").contains("MAX_BOT_TOKEN");
        assertThat(r.toString()).doesNotContain("some-other-bot-token-123");
    }

    @Test
    void anUnreachableApiNamesTheAddressAndTheKeys() throws IOException {
        int port = FreePort.loopback();
        CheckResult r = run(MaxApiEmulator.TOKEN, "http://127.0.0.1:" + port, Optional.empty());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("не ответил").contains("127.0.0.1:" + port);
        assertThat(r.fix()).contains("max.api-url").contains("MAX_API_URL");
    }

    @Test
    void aHostOfAnUnknownRootFailsUntilItsCertificateIsGivenInCaFile() throws Exception {
        Path pem = startHttpsWithOwnRoot();
        String url = "https://127.0.0.1:" + https.getAddress().getPort();

        CheckResult untrusted = run(MaxApiEmulator.TOKEN, url, Optional.empty());
        assertThat(untrusted.status()).isEqualTo(Status.FAILED);
        assertThat(untrusted.detail()).contains("сертификат");
        assertThat(untrusted.fix()).contains("max.ca-file");

        CheckResult trusted = run(MaxApiEmulator.TOKEN, url, Optional.of(pem));
        assertThat(trusted.status()).as(trusted.toString()).isEqualTo(Status.OK);
        assertThat(trusted.detail()).contains("Дежурная ТОС");
    }

    @Test
    void aCaFileThatIsNotACertificateIsNamed() throws IOException {
        Path junk = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        CheckResult r = run(MaxApiEmulator.TOKEN, max.apiUrl(), Optional.of(junk));

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("max.ca-file").contains(junk.toString());
    }

    /**
     * An HTTPS stand-in for MAX whose certificate is made here by keytool (so no root Java knows signs it), answering
     * GET /me; returns the certificate as PEM, as an administrator would download the real root.
     */
    private Path startHttpsWithOwnRoot() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("root.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        keytool(keytool, "-genkeypair", "-alias", "max", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool(keytool, "-exportcert", "-rfc", "-alias", "max", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl));
        https.createContext("/me", exchange -> {
            boolean authorised = MaxApiEmulator.TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorised ? "{\"user_id\":" + MaxApiEmulator.BOT_ID + ",\"first_name\":\"Дежурная ТОС\","
                    + "\"username\":\"" + MaxApiEmulator.BOT_USERNAME + "\",\"is_bot\":true}"
                    : "{\"code\":\"verify.token\",\"message\":\"Invalid access_token\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
        return pem;
    }

    private static void keytool(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: " + output).isZero();
    }
}
