package ru.tos.dutydesk.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code faq/sources.yml}: which sources are weak (by kind: forum, essay, anonymous, aggregator, …), which hosts
 * are official, and which source lines are the association's own data (the desk-* entries rest on the config).
 * A pattern with a dot is a host (matching it and its subdomains); one without is a word anywhere in the line.
 */
public record SourcePolicy(Map<String, List<String>> weak, List<String> official, List<String> own) {
    private static final Pattern URL = Pattern.compile("https?://[^\\s)»]+", Pattern.CASE_INSENSITIVE);

    public SourcePolicy {
        weak = Map.copyOf(weak);
        official = List.copyOf(official);
        own = List.copyOf(own);
    }

    public static SourcePolicy none() {
        return new SourcePolicy(Map.of(), List.of(), List.of());
    }

    /** The kind of weak source this line is (e.g. {@code forum}), if it is one. */
    public Optional<String> weakKind(String sourceLine) {
        return weak.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> e.getValue().stream().anyMatch(p -> matches(p, sourceLine)))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Whether the line links to an official host (a body's site, Минюст, a legal database). */
    public boolean isOfficial(String sourceLine) {
        return host(sourceLine).filter(h -> official.stream().anyMatch(o -> hostIs(h, o))).isPresent();
    }

    /** Whether the line is the association's own data, which the desk's own entries rest on. */
    public boolean isOwn(String sourceLine) {
        return own.stream().anyMatch(p -> sourceLine.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT)));
    }

    private static boolean matches(String pattern, String line) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.contains(".")) {
            return host(line).filter(h -> hostIs(h, p)).isPresent();
        }
        return Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(p) + "(?![\\p{L}\\d])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(line).find();
    }

    private static boolean hostIs(String host, String expected) {
        String e = expected.toLowerCase(Locale.ROOT);
        return host.equals(e) || host.endsWith("." + e);
    }

    /** The host of the first link in the line, lower-case, without {@code www.}. */
    static Optional<String> host(String line) {
        Matcher m = URL.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        // by hand rather than java.net.URI, which gives no host for a Cyrillic domain (новости.рф)
        String rest = m.group().substring(m.group().indexOf("://") + 3);
        String host = rest.split("[/?#:]", 2)[0].toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(host.startsWith("www.") ? host.substring(4) : host);
    }
}
