package ru.tos.dutydesk.report;

/** The formats the report is written in. */
public enum ReportFormat {
    TABLE(new TableRenderer()), CSV(new CsvRenderer()), HTML(new HtmlRenderer());

    private final ReportRenderer renderer;

    ReportFormat(ReportRenderer renderer) {
        this.renderer = renderer;
    }

    public ReportRenderer renderer() {
        return renderer;
    }
}
