package ru.tos.dutydesk.testing;

import java.util.List;
import java.util.Random;

/**
 * Generates hostile message texts, names and button data from a seed, so that a failure can be replayed:
 * random Unicode (surrogate pairs and lone surrogates, RTL and zero-width characters, NUL and control characters),
 * 64 KB texts, HTML and Markdown injection, SQL fragments, commands with junk arguments, forged button data.
 * Real questions are mixed in so that answers, suggestions and tickets happen too.
 */
public final class HostileText {
    public static final int HUGE = 64 * 1024;

    private static final String[] HTML = {
            "<b>жирный", "</b>", "<i>", "<a href=\"javascript:alert(1)\">нажми</a>", "<a href=javascript:alert(document.cookie)>",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b><i>не закрыто", "</i></b></a>", "<br>", "<br/>",
            "<tg-spoiler>", "<pre><code class=\"x\">", "<blockquote><blockquote>", "&amp;", "&lt;b&gt;", "&amp;lt;", "&#0;",
            "&#55357;", "&#x1F600;", "&nbsp;", "&copy;", "&", "&;", "&#;", "&#xZZ;", "<", ">", "<<>>", "< b >", "<!-- -->",
            "<![CDATA[x]]>", "<a href='tg://user?id=1'>", "\"'`", "<span class=\"tg-spoiler\">", "<u>", "<s>", "</>"};
    private static final String[] MARKDOWN = {
            "**жирный", "__", "*_[]()", "[ссылка](javascript:alert(1))", "![img](http://x/a.png)", "`код", "```\nкод\n```",
            "# Заголовок", "> цитата", ">>>> вложенная", "- пункт", "1. пункт", "    отступ кода", "---", "===", "***",
            "[a]: http://example.org", "<http://example.org>", "\\", "\\*", "~~зачёркнуто~~", "|a|b|\n|-|-|", "[x][y]",
            "[](<>)", "*", "_", "[", "](", ")", "\n\n\n", "    ", "1)", "+ ", "<details>",
            "\n\n        отступ: a.b (c) [d]", "\n    - пункт, с отступом!", "\n\n\tтаб: x.y"};
    private static final String[] SQL = {
            "'; DROP TABLE tickets;--", "\"; DROP TABLE users; --", "' OR '1'='1", "1; DELETE FROM outbox", "'); PRAGMA user_version=0;--",
            "' UNION SELECT token FROM secrets--", "Robert'); DROP TABLE consultations;--", "%' AND 1=1 --", "\\'; ATTACH DATABASE '/tmp/x' AS x;--",
            "'; UPDATE tickets SET state='CLOSED';--", "0x27", "' || (SELECT sqlite_version()) || '", "; VACUUM;"};
    private static final String[] COMMANDS = {
            "/take abc", "/take", "/take 1 2 3", "/take -1", "/take 0", "/take 99999999999999999999", "/take 1e9",
            "/answer 99999999999999999999", "/answer 1", "/answer", "/answer abc текст", "/answer 0 x", "/answer 1 ",
            "/close 1", "/close", "/close ✓", "/queue", "/queue ???", "/start@OtherBot x", "/start", "/start ' OR 1=1",
            "/help@dutydesk_bot", "/help me", "/stats ???", "/stats", "/export", "/export ../../etc/passwd", "/human",
            "/human <b>срочно</b>", "/forget", "/profile", "/faq 1", "/ты кто", "/", "//", "/ANSWER 1 x", "/Take 1",
            "/take\u0000 1", "/take 1\u202e", "/\u200btake 1", "/take\t1", "/answer\n1\nтекст"};
    private static final String[] QUESTION_WORDS = {
            "как", "создать", "ТОС", "устав", "грант", "председатель", "собрание", "кворум", "налоги", "юрлицо",
            "администрация", "границы", "протокол", "отчёт", "субсидия", "забор", "двор", "детская", "площадка", "жители"};
    private static final String[] NAMES = {
            "Анна", "Пётр", "\u202eанилО", "Ива\u200bн", "Zoë", "محمد", "אבי", "<b>Админ</b>", "**Консультант**", "&amp; Co",
            "'; DROP TABLE users;--", "😀😀", "\u0000", "\ud83d", "Мария\nИванова", "   ", "[бот](http://x)", "\u200f\u200e"};
    private static final char[] SPECIAL = {
            '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\n', '\t', '\u001b', '\u007f', '\u0085',
            '\u00a0', '\u00ad', '\u034f', '\u061c', '\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028',
            '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069',
            '\ufeff', '\ufff9', '\ufffc', '\ufffd', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'};

    private final Random rnd;
    private final List<String> questions;

    /** @param questions real questions to mix in (so that the matcher answers some) */
    public HostileText(long seed, List<String> questions) {
        this.rnd = new Random(seed);
        this.questions = List.copyOf(questions);
    }

    public Random random() {
        return rnd;
    }

    /** A message text of any hostile kind (never null; may be empty). */
    public String message() {
        int k = rnd.nextInt(100);
        if (k < 14) {
            return decorate(question());
        } else if (k < 28) {
            return soup(1 + rnd.nextInt(300));
        } else if (k < 30) {
            return huge();
        } else if (k < 40) {
            return mix(HTML, 1 + rnd.nextInt(6));
        } else if (k < 50) {
            return mix(MARKDOWN, 1 + rnd.nextInt(6));
        } else if (k < 57) {
            return pick(QUESTION_WORDS) + " " + pick(SQL);
        } else if (k < 70) {
            return command();
        } else if (k < 74) {
            return invisible(1 + rnd.nextInt(20));
        } else if (k < 78) {
            return emoji(1 + rnd.nextInt(10));
        } else if (k < 90) {
            return question() + " " + mix(rnd.nextBoolean() ? HTML : MARKDOWN, 2) + " " + pick(SQL);
        } else {
            return rtl();
        }
    }

    public String question() {
        if (!questions.isEmpty() && rnd.nextInt(3) > 0) {
            return questions.get(rnd.nextInt(questions.size()));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 2 + rnd.nextInt(8); i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(pick(QUESTION_WORDS));
        }
        return sb.append('?').toString();
    }

    public String command() {
        String c = pick(COMMANDS);
        return rnd.nextInt(4) == 0 ? c + " " + mix(rnd.nextBoolean() ? HTML : SQL, 1) + soup(rnd.nextInt(10)) : c;
    }

    /** What a consultant might type: a command on a real ticket number with a hostile text, or hostile chatter. */
    public String consultantText(long maxTicket) {
        long n = maxTicket <= 0 ? 1 : 1 + rnd.nextInt((int) Math.min(maxTicket + 2, Integer.MAX_VALUE - 1));
        return switch (rnd.nextInt(6)) {
            case 0 -> "/answer " + n + " " + message();
            case 1 -> "/take " + n;
            case 2 -> "/close " + n;
            case 3 -> "/queue";
            case 4 -> command();
            default -> message();
        };
    }

    public String name() {
        return switch (rnd.nextInt(4)) {
            case 0 -> pick(NAMES);
            case 1 -> pick(NAMES) + " " + soup(1 + rnd.nextInt(12));
            case 2 -> rnd.nextInt(20) == 0 ? soup(300) : pick(NAMES) + " " + pick(NAMES);
            default -> pick(QUESTION_WORDS) + " " + pick(NAMES);
        };
    }

    /** Button data nobody was given: malformed, out of range, over-long, injected. */
    public String forgedData() {
        return switch (rnd.nextInt(10)) {
            case 0 -> "t:" + rnd.nextInt(50);
            case 1 -> "c:" + rnd.nextInt(50);
            case 2 -> "h:" + rnd.nextInt(500) + ":" + (rnd.nextBoolean() ? "y" : "n");
            case 3 -> "a:" + rnd.nextInt(500) + ":" + pick(new String[]{"create-charter", "no-such", "../x", ""});
            case 4 -> "x:" + Math.abs(rnd.nextLong());
            case 5 -> pick(new String[]{"d:", "r:", "f:"}) + (rnd.nextInt(30) - 5);
            case 6 -> "h:1:y" + "x".repeat(65 + rnd.nextInt(300));
            case 7 -> pick(SQL);
            case 8 -> soup(1 + rnd.nextInt(80));
            default -> "t:99999999999999999999";
        };
    }

    private String decorate(String q) {
        return switch (rnd.nextInt(5)) {
            case 0 -> invisible(2) + q + invisible(2);
            case 1 -> q.toUpperCase(java.util.Locale.ROOT);
            case 2 -> q + " " + emoji(2);
            default -> q;
        };
    }

    private String huge() {
        StringBuilder sb = new StringBuilder(HUGE + 64);
        while (sb.length() < HUGE) {
            switch (rnd.nextInt(4)) {
                case 0 -> sb.append(pick(QUESTION_WORDS)).append(' ');
                case 1 -> sb.append(pick(HTML));
                case 2 -> sb.append(pick(MARKDOWN));
                default -> sb.append(soup(20));
            }
        }
        sb.setLength(HUGE);
        return sb.toString();
    }

    private String mix(String[] pool, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(pick(pool)).append(rnd.nextBoolean() ? " " : pick(QUESTION_WORDS));
        }
        return sb.toString();
    }

    /** Random code points from many scripts and the awkward corners of Unicode. */
    public String soup(int length) {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            switch (rnd.nextInt(9)) {
                case 0 -> sb.append((char) (0x20 + rnd.nextInt(0x5f)));
                case 1 -> sb.append((char) (0x0410 + rnd.nextInt(0x40)));
                case 2 -> sb.append((char) (0x0590 + rnd.nextInt(0x170))); // Hebrew, Arabic
                case 3 -> sb.appendCodePoint(0x1F300 + rnd.nextInt(0x700)); // emoji: surrogate pairs
                case 4 -> sb.append(SPECIAL[rnd.nextInt(SPECIAL.length)]);
                case 5 -> sb.append((char) (0x0300 + rnd.nextInt(0x70))); // combining marks
                case 6 -> sb.append((char) rnd.nextInt(0x10000)); // anything in the BMP, lone surrogates included
                case 7 -> sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000)); // supplementary planes
                default -> sb.append(pick(QUESTION_WORDS)).append(' ');
            }
        }
        return sb.toString();
    }

    private String invisible(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(SPECIAL[rnd.nextInt(SPECIAL.length)]);
        }
        return sb.toString();
    }

    private String emoji(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(0x1F600 + rnd.nextInt(0x50));
            if (rnd.nextInt(4) == 0) {
                sb.append('\u200d').appendCodePoint(0x1F466 + rnd.nextInt(4)); // ZWJ sequence
            }
        }
        return sb.toString();
    }

    private String rtl() {
        return "\u202eكيف أنشئ " + pick(QUESTION_WORDS) + "\u202c שלום \u200f" + question() + "\u2067" + pick(SQL) + "\u2069";
    }

    private String pick(String[] pool) {
        return pool[rnd.nextInt(pool.length)];
    }
}
