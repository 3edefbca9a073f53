package ru.tos.dutydesk.knowledge;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The «Источник» line a resident reads on a phone: each law once with its articles and parts together, laws
 * first, pages by their title instead of a long link, and at most a few items.
 */
public final class SourceSummary {
    private static final Pattern ARTICLE = Pattern.compile("ст\\.\\s*([\\d.]+)\\s*,?\\s*(.*)");
    private static final Pattern PARTS_ONLY = Pattern.compile("ч\\.\\s*([\\d,\\s]+)");
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private SourceSummary() {
    }

    /** @param max how many items (a law with its articles is one) to show at most */
    public static String of(List<String> sources, LawRegistry laws, int max) {
        Map<String, Map<String, List<String>>> byLaw = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String line : sources) {
            Optional<Law> law = laws.cited(line);
            if (law.isPresent()) {
                Map<String, List<String>> articles = byLaw.computeIfAbsent(law.get().id(), k -> new LinkedHashMap<>());
                articleOf(line).ifPresent(a -> {
                    List<String> parts = articles.computeIfAbsent(a[0], k -> new ArrayList<>());
                    if (!a[1].isEmpty() && !parts.contains(a[1])) {
                        parts.add(a[1]);
                    }
                });
            } else {
                String shown = pageTitle(line);
                if (!shown.isEmpty() && !others.contains(shown)) {
                    others.add(shown);
                }
            }
        }
        List<String> items = new ArrayList<>();
        byLaw.forEach((id, articles) -> items.add(articles.isEmpty() ? id : id + ", " + articles(articles)));
        items.addAll(others);
        return String.join("; ", items.subList(0, Math.min(max, items.size())));
    }

    /** {article number, the rest («ч. 9, п. 4»)}, or empty when the line names no article. */
    private static Optional<String[]> articleOf(String line) {
        Matcher m = ARTICLE.matcher(LawRegistry.citationPart(line));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {m.group(1).replaceAll("\\.$", ""), m.group(2).strip().replaceAll("[,;.\\s]+$", "")});
    }

    /** «ст. 27, ч. 6, 9, 11» from the parts cited separately; parts with points stay as written. */
    private static String articles(Map<String, List<String>> articles) {
        List<String> shown = new ArrayList<>();
        articles.forEach((article, rests) -> {
            List<String> parts = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (String rest : rests) {
                Matcher m = PARTS_ONLY.matcher(rest);
                if (m.matches()) {
                    for (String n : m.group(1).split("[,\\s]+")) {
                        if (!n.isEmpty() && !numbers.contains(n)) {
                            numbers.add(n);
                        }
                    }
                } else {
                    parts.add(rest);
                }
            }
            if (!numbers.isEmpty()) {
                parts.add(0, "ч. " + String.join(", ", numbers));
            }
            shown.add(parts.isEmpty() ? "ст. " + article : "ст. " + article + ", " + String.join(", ", parts));
        });
        return String.join(" и ", shown);
    }

    /** A page as its title («Минюст — https://…» → «Минюст»), or its host when it has no title. */
    private static String pageTitle(String line) {
        Matcher link = LINK.matcher(line);
        if (!link.find()) {
            return line.strip();
        }
        String title = line.substring(0, link.start()).strip().replaceAll("[\\s—–:-]+$", "");
        if (!title.isEmpty()) {
            return title;
        }
        try {
            String host = URI.create(link.group()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
