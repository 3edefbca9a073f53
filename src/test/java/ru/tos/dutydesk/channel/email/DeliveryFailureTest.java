package ru.tos.dutydesk.channel.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryFailureTest {
    @Test
    void aFailedRecipientIsReadWithTheServersWordsOnFoldedLines() {
        String report = "Reporting-MTA: dns; mx.mail.example\r\nArrival-Date: Sun, 6 Dec 2026 10:00:00 +0300\r\n\r\n"
                + "Original-Recipient: rfc822; Anna@Mail.Example\r\nFinal-Recipient: rfc822; <anna@mail.example>\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <anna@mail.example>:\r\n"
                + "    Recipient address rejected: User unknown\r\n";
        assertThat(DeliveryFailure.parse(report)).contains(new DeliveryFailure("anna@mail.example",
                "550 5.1.1 <anna@mail.example>: Recipient address rejected: User unknown"));
    }

    @Test
    void aDelayOrASuccessIsNotAFailure() {
        assertThat(DeliveryFailure.parse("Final-Recipient: rfc822; anna@mail.example\nAction: delayed\nStatus: 4.4.1\n")).isEmpty();
        assertThat(DeliveryFailure.parse("Final-Recipient: rfc822; anna@mail.example\nAction: delivered\nStatus: 2.0.0\n")).isEmpty();
    }

    @Test
    void withoutADiagnosticTheStatusCodeIsTheReason() {
        assertThat(DeliveryFailure.parse("Final-Recipient: rfc822;anna@mail.example\nAction: Failed\nStatus: 5.2.2\n"))
                .contains(new DeliveryFailure("anna@mail.example", "status 5.2.2"));
    }

    @Test
    void theFirstFailedRecipientOfSeveralIsTaken() {
        String report = "Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; ok@mail.example\nAction: delivered\n\n"
                + "Final-Recipient: rfc822; gone@mail.example\nAction: failed\nStatus: 5.1.1\n";
        assertThat(DeliveryFailure.parse(report).map(DeliveryFailure::recipient)).contains("gone@mail.example");
    }

    @Test
    void garbageIsNoFailure() {
        assertThat(DeliveryFailure.parse("")).isEmpty();
        assertThat(DeliveryFailure.parse("Action: failed\n")).isEmpty();
        assertThat(DeliveryFailure.parse("\u0000\u0001 ::: ;;;\n\n\n")).isEmpty();
    }
}
