package ru.tos.dutydesk.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The laws the knowledge may cite ({@code faq/laws.yml}), and how a source line is recognised as citing one. */
public final class LawRegistry {
    /** What a law citation looks like even when its law is not in the registry. */
    private static final Pattern LOOKS_LIKE_LAW = Pattern.compile(
            "\\d+(\\.\\d+)?-ФЗ|№\\s*\\d+-\\d|(?iu)кодекс|(?-i)(?<![\\p{L}])[А-Я]{2,4} РФ");

    private final Map<String, Law> byId;
    /** Every spelling (id and aliases), longest first, so «Федеральный закон № 131-ФЗ» wins over «131-ФЗ». */
    private final List<Spelling> spellings;

    private record Spelling(Pattern pattern, Law law, int length) {
    }

    public LawRegistry(List<Law> laws) {
        Map<String, Law> map = new LinkedHashMap<>();
        List<Spelling> all = new ArrayList<>();
        for (Law law : laws) {
            if (map.putIfAbsent(law.id(), law) != null) {
                throw new IllegalArgumentException("duplicate law " + law.id());
            }
            all.add(spelling(law.id(), law));
            law.aliases().forEach(a -> all.add(spelling(a, law)));
        }
        all.sort(Comparator.comparingInt(Spelling::length).reversed());
        this.byId = map;
        this.spellings = List.copyOf(all);
    }

    public static LawRegistry empty() {
        return new LawRegistry(List.of());
    }

    private static Spelling spelling(String text, Law law) {
        // not inside a longer number or word: 33-ФЗ must not be found in «133-ФЗ»
        Pattern p = Pattern.compile("(?<![\\p{L}\\d.])" + Pattern.quote(text) + "(?![\\p{L}\\d])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Spelling(p, law, text.length());
    }

    public List<Law> laws() {
        return List.copyOf(byId.values());
    }

    public Optional<Law> law(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The registered law a source line cites (the first one named in it), if any. */
    public Optional<Law> cited(String sourceLine) {
        String text = citationPart(sourceLine);
        Law best = null;
        int bestAt = Integer.MAX_VALUE;
        for (Spelling s : spellings) {
            Matcher m = s.pattern.matcher(text);
            if (m.find() && m.start() < bestAt) {
                best = s.law;
                bestAt = m.start();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a source line reads like a law citation (a federal law number, a code), registered or not. */
    public static boolean looksLikeLaw(String sourceLine) {
        return LOOKS_LIKE_LAW.matcher(citationPart(sourceLine)).find();
    }

    /** The text of a line without its link: a page title may mention a law without being a citation of it. */
    static String citationPart(String sourceLine) {
        int url = sourceLine.toLowerCase(Locale.ROOT).indexOf("http");
        return url < 0 ? sourceLine : sourceLine.substring(0, url);
    }
}
