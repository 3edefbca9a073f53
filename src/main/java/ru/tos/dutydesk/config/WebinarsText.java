package ru.tos.dutydesk.config;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The upcoming webinars from config as a Markdown list for {@code {{desk.webinars}}}. */
final class WebinarsText {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private WebinarsText() {
    }

    static String describe(List<DeskConfig.Webinar> webinars, List<String> problems) {
        if (webinars == null || webinars.isEmpty()) {
            return "Ближайшие вебинары пока не назначены — следите за новостями ассоциации.";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < webinars.size(); i++) {
            DeskConfig.Webinar w = webinars.get(i);
            if (w == null || w.date() == null || w.title() == null || w.title().isBlank()) {
                problems.add("desk.webinars[" + i + "]: needs date and title");
                continue;
            }
            sb.append("- ").append(DATE.format(w.date())).append(" — ").append(w.title().strip());
            if (w.link() != null && !w.link().isBlank()) {
                sb.append(" ([запись](").append(w.link().strip()).append("))");
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
