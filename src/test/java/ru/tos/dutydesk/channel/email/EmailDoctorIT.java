package ru.tos.dutydesk.channel.email;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.config.EmailConfig;
import ru.tos.dutydesk.doctor.CheckResult;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code doctor}'s mailbox lines against GreenMail: what an administrator reads for a good and a broken set-up. */
class EmailDoctorIT {
    private final MailServer mail = new MailServer();

    @AfterEach
    void stop() {
        mail.close();
    }

    private EmailSettings settings(String password, String folder) {
        EmailSettings good = EmailDeskIT.settings(mail);
        EmailConfig.Mailbox b = good.mailbox();
        return new EmailSettings(new EmailConfig.Mailbox(b.address(), b.senderName(), b.username(), b.imap(), b.smtp(),
                folder, b.idle(), b.idleRenew(), b.pollEvery(), b.autoReplyPeriod()), password, Duration.ofSeconds(5));
    }

    @Test
    void aWorkingMailboxGivesTwoOkLinesAndSaysWhetherNewLettersAreSeenAtOnce() {
        mail.deliver("From: a@mail.example\nTo: " + MailServer.DESK + "\nSubject: x\n\nвопрос\n", java.nio.charset.StandardCharsets.UTF_8);
        List<CheckResult> lines = new EmailDoctor(settings(MailServer.PASSWORD, "INBOX")).run();
        assertThat(lines).extracting(CheckResult::status).containsOnly(CheckResult.Status.OK);
        assertThat(lines.get(0).detail()).contains("писем: 1").contains("IDLE");
        assertThat(lines.get(1).detail()).contains(MailServer.DESK);
    }

    @Test
    void aWrongPasswordFailsBothLinesAndTellsToMakeAnAppPasswordWithoutShowingIt() {
        List<CheckResult> lines = new EmailDoctor(settings("wrong-secret-42", "INBOX")).run();
        assertThat(lines).allSatisfy(r -> {
            assertThat(r.failed()).isTrue();
            assertThat(r.fix()).contains("пароль приложения").contains("EMAIL_PASSWORD");
            assertThat(r.detail()).doesNotContain("wrong-secret-42");
        });
    }

    @Test
    void aFolderThatDoesNotExistIsNamed() {
        CheckResult imap = new EmailDoctor(settings(MailServer.PASSWORD, "Входящие-ТОС")).run().get(0);
        assertThat(imap.failed()).isTrue();
        assertThat(imap.detail()).contains("Входящие-ТОС");
        assertThat(imap.fix()).contains("email.folder");
    }

    @Test
    void aServerThatDoesNotAnswerSaysWhereItLooked() {
        mail.stop();
        List<CheckResult> lines = new EmailDoctor(settings(MailServer.PASSWORD, "INBOX")).run();
        assertThat(lines).allSatisfy(r -> assertThat(r.failed()).isTrue());
        assertThat(lines.get(0).detail()).contains("127.0.0.1:" + mail.imapPort());
        assertThat(lines.get(0).fix()).contains("email.imap");
        assertThat(lines.get(1).fix()).contains("email.smtp");
    }
}
