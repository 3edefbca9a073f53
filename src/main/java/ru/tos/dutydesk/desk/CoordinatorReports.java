package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.List;

/**
 * The project's figures for coordinators' {@code /stats} and {@code /export}, implemented outside the core (it
 * counts from storage and renders documents). Called inside the desk's transaction, so the figures and the
 * reply that carries them commit together.
 */
public interface CoordinatorReports {

    /**
     * The figures as a short Markdown text for a phone.
     *
     * @param periodArg what the coordinator typed after the command (empty for the project period)
     * @throws BadPeriod when the period cannot be understood
     */
    String statsText(String periodArg, Instant now) throws BadPeriod;

    /** The same figures as files (a spreadsheet and a page with charts), each with a short caption. */
    List<Document> export(String periodArg, Instant now) throws BadPeriod;

    /** One file to send and its caption (Markdown). */
    record Document(String caption, Attachment file) {
    }

    /** The period a coordinator typed makes no sense; the message says why, in Russian, as plain text. */
    final class BadPeriod extends Exception {
        public BadPeriod(String message) {
            super(message);
        }
    }

    /** For a desk run without storage-backed reports (command-line helpers): says so instead of figures. */
    static CoordinatorReports unavailable() {
        return new CoordinatorReports() {
            @Override
            public String statsText(String periodArg, Instant now) {
                return "Отчёты в этом режиме недоступны: запустите дежурную командой run или используйте команду report.";
            }

            @Override
            public List<Document> export(String periodArg, Instant now) {
                return List.of();
            }
        };
    }
}
