package ru.tos.dutydesk.report;

/** Turns a report into a document; the caller writes it out as UTF-8. */
public interface ReportRenderer {
    String render(Report report);
}
