package ru.tos.dutydesk.channel.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of an HTML-only letter: quoted history ({@code blockquote}), styles and scripts dropped, blocks turned
 * into line breaks, tags removed, entities decoded. Enough for matching and for a consultant to read.
 */
final class HtmlText {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern DROPPED = Pattern.compile("<(blockquote|style|script|head)\\b.*?</\\1\\s*>", FLAGS);
    private static final Pattern BREAKS = Pattern.compile("<(br|/p|/div|/li|/tr|/h\\d)\\b[^>]*>", FLAGS);
    private static final Pattern TAGS = Pattern.compile("<[^>]*>", FLAGS);
    private static final Pattern NUMERIC = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");

    private HtmlText() {
    }

    static String of(String html) {
        String s = DROPPED.matcher(html).replaceAll("");
        s = s.replaceAll("(?i)<!--.*?-->", "");
        s = BREAKS.matcher(s).replaceAll("\n");
        s = TAGS.matcher(s).replaceAll("");
        s = entities(s);
        return s.replace('\u00a0', ' ').replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String entities(String s) {
        Matcher m = NUMERIC.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int cp;
            try {
                cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                cp = '?';
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "?"));
        }
        m.appendTail(sb);
        return sb.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&laquo;", "«").replace("&raquo;", "»").replace("&mdash;", "—")
                .replace("&ndash;", "–").replace("&amp;", "&");
    }
}
