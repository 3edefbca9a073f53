package ru.tos.dutydesk.testing;

import ru.tos.dutydesk.channel.telegram.emulator.TelegramHtmlChecker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each platform accepts in one message part, checked independently of the production renderers:
 * Telegram HTML (the emulator's parser, plus the stricter rules Telegram documents but tolerates breaking) and
 * VK plain text. Each method returns the problems found, empty when the part is fine.
 */
public final class PlatformChecks {
    public static final int TELEGRAM_LIMIT = 4096;
    public static final int VK_LIMIT = 4000;
    /** The tags our renderer may emit: a subset of what Telegram allows. */
    private static final Set<String> OUR_TAGS = Set.of("b", "i", "code", "pre", "a", "blockquote");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z-]+)([^>]*)>");
    private static final Pattern HREF = Pattern.compile("^ href=\"(https?://|tg://|mailto:)[^\"\\s]+\"$");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");

    private PlatformChecks() {
    }

    public static List<String> telegramPart(String html) {
        List<String> problems = new ArrayList<>();
        unsafeCharacters(html, "raw HTML", problems);
        String visible;
        try {
            visible = TelegramHtmlChecker.visibleText(html);
        } catch (TelegramHtmlChecker.ParseError e) {
            problems.add("Telegram would refuse it: can't parse entities: " + e.getMessage());
            return problems;
        }
        if (visible.isEmpty()) {
            problems.add("empty after entity parsing");
        }
        if (visible.length() > TELEGRAM_LIMIT) {
            problems.add("visible length " + visible.length() + " > " + TELEGRAM_LIMIT);
        }
        unsafeCharacters(visible, "visible text", problems);
        Matcher tag = TAG.matcher(html);
        StringBuilder outside = new StringBuilder();
        int last = 0;
        while (tag.find()) {
            outside.append(html, last, tag.start());
            last = tag.end();
            String name = tag.group(2).toLowerCase(java.util.Locale.ROOT);
            if (!OUR_TAGS.contains(name)) {
                problems.add("tag <" + name + "> is not one we emit");
            }
            boolean closing = !tag.group(1).isEmpty();
            String attributes = tag.group(3);
            if (name.equals("a") && !closing && !HREF.matcher(attributes).matches()) {
                problems.add("link with a disallowed or malformed address: " + tag.group());
            } else if ((!name.equals("a") || closing) && !attributes.isEmpty()) {
                problems.add("unexpected attributes: " + tag.group());
            }
        }
        outside.append(html.substring(last));
        String text = outside.toString();
        if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            problems.add("unescaped < or > outside tags");
        }
        String withoutEntities = ENTITY.matcher(text).replaceAll("");
        if (withoutEntities.indexOf('&') >= 0) {
            problems.add("unescaped & outside an entity");
        }
        return problems;
    }

    public static List<String> vkPart(String text) {
        List<String> problems = new ArrayList<>();
        if (text.isBlank()) {
            problems.add("empty part");
        }
        if (text.length() > VK_LIMIT) {
            problems.add("length " + text.length() + " > " + VK_LIMIT);
        }
        unsafeCharacters(text, "text", problems);
        return problems;
    }

    /** A button label: shown by both platforms as text. */
    public static List<String> label(String label) {
        List<String> problems = new ArrayList<>();
        if (label.isBlank()) {
            problems.add("blank label");
        }
        unsafeCharacters(label, "label", problems);
        return problems;
    }

    private static void unsafeCharacters(String s, String where, List<String> problems) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problems.add(where + ": lone surrogate at " + i);
                return;
            } else if (c == 0) {
                problems.add(where + ": NUL at " + i);
                return;
            } else if (Character.isISOControl(c) && c != '\n') {
                problems.add(where + ": control character U+" + Integer.toHexString(c) + " at " + i);
                return;
            }
        }
    }
}
