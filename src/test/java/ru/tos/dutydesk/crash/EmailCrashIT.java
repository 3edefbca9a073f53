package ru.tos.dutydesk.crash;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.email.MailServer;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar reads the association's mailbox on GreenMail while 100 residents write at once, and is killed
 * with SIGKILL twice in the middle of the burst and started again. Afterwards every letter has its answer, no
 * consultation is recorded twice, and no resident has two different answers: a letter sent again after a kill
 * between "the SMTP server took it" and "marked sent" carries the same Message-ID (derived from the outbox row),
 * so mail programs show it once; such repeats are at most one per kill.
 */
@Tag("slow")
class EmailCrashIT {
    private static final int LETTERS = 100;
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration ALL_ANSWERED = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void aBurstOf100LettersSurvivesTwoKillsWithNothingLostAndNothingAnsweredTwice() throws Exception {
        List<String> questions = BundledQuestions.load().answered();
        try (MailServer mail = new MailServer()) {
            Path config = JarConfig.project(dir).withoutConsultantsChat().roundTheClock()
                    .email(MailServer.DESK, mail.imapPort(), mail.smtpPort(), true).write();
            DeskJar jar = new DeskJar(dir).withJvmOptions("-XX:TieredStopAtLevel=1");
            Map<String, String> env = Map.of("EMAIL_PASSWORD", MailServer.PASSWORD);
            String[] args = {"run", "--config", config.toString()};

            DeskJar.Started first = started(jar.start("desk-1", env, args));
            for (int i = 0; i < LETTERS; i++) {
                mail.deliver(letter(i, questions.get(i % questions.size())), StandardCharsets.UTF_8);
            }
            first.await("30 answers", START, () -> mail.sentToResidents().size() >= 30);
            assertThat(first.kill()).isEqualTo(DeskJar.KILLED_BY_SIGKILL);
            int afterFirstKill = mail.sentToResidents().size();

            DeskJar.Started second = started(jar.start("desk-2", env, args));
            second.await("20 more answers", START, () -> mail.sentToResidents().size() >= afterFirstKill + 20);
            assertThat(second.kill()).isEqualTo(DeskJar.KILLED_BY_SIGKILL);

            DeskJar.Started third = started(jar.start("desk-3", env, args));
            third.await(() -> "every resident answered, " + answered(mail).size() + " so far", ALL_ANSWERED,
                    () -> answered(mail).size() == LETTERS);
            Thread.sleep(2_000); // time for a repeat to show, if one were coming
            assertThat(third.terminate(Duration.ofSeconds(30))).as("stops on SIGTERM").isTrue();
            for (DeskJar.Started s : List.of(first, second, third)) {
                assertThat(s.output()).as("the desk's log").doesNotContain(MailServer.PASSWORD).doesNotContain("Вопрос ");
            }

            Map<String, Set<String>> ids = new HashMap<>();
            int letters = 0;
            for (MimeMessage m : mail.sentToResidents()) {
                ids.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new HashSet<>()).add(m.getMessageID());
                letters++;
            }
            int repeats = letters - LETTERS;
            System.out.printf("[email crash] %d letters, %d answers delivered, %d repeated deliveries (same Message-ID)%n",
                    LETTERS, letters, repeats);
            assertThat(ids).as("residents answered").hasSize(LETTERS);
            assertThat(ids.values()).as("distinct answers per resident").allSatisfy(s -> assertThat(s).hasSize(1));
            assertThat(repeats).as("repeated deliveries of the same letter (at most one per kill)").isLessThanOrEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM consultations WHERE channel = 'email'")).isEqualTo(LETTERS);
            assertThat(count("SELECT COUNT(*) FROM users WHERE channel = 'email'")).isEqualTo(LETTERS);
            assertThat(count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")).as("rows left unsent").isZero();
        }
    }

    private static DeskJar.Started started(DeskJar.Started s) throws InterruptedException {
        s.await("the desk reads the mailbox", START, () -> s.output().contains("email inbox connected"));
        return s;
    }

    private static Set<String> answered(MailServer mail) {
        Set<String> to = new HashSet<>();
        for (MimeMessage m : mail.sentToResidents()) {
            try {
                to.add(m.getAllRecipients()[0].toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return to;
    }

    private static String letter(int i, String question) {
        return "From: resident" + i + "@" + MailServer.RESIDENTS + "\nTo: " + MailServer.DESK
                + "\nSubject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(("Вопрос " + i).getBytes(StandardCharsets.UTF_8))
                + "?=\nMessage-ID: <burst-" + i + "@mail.example>\nMIME-Version: 1.0"
                + "\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + question + "\n";
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("desk.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
