package ru.tos.dutydesk.channel.telegram;

import ru.tos.dutydesk.channel.telegram.TelegramHtml.Atom;
import ru.tos.dutydesk.channel.telegram.TelegramHtml.Tag;
import ru.tos.dutydesk.channel.telegram.TelegramHtml.Visible;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Splits rendered Telegram HTML into messages of at most {@code limit} visible characters (Telegram counts
 * UTF-16 code units after entity parsing). It cuts at a blank line if it can, else at a line break, else between
 * words, else anywhere (never inside a surrogate pair or an entity). A cut inside formatting closes the open tags
 * at the end of one part and opens them again at the start of the next, so every part is well-formed on its own.
 */
public final class TelegramMessageSplitter {
    public static final int TELEGRAM_LIMIT = 4096;

    private final int limit;

    public TelegramMessageSplitter() {
        this(TELEGRAM_LIMIT);
    }

    public TelegramMessageSplitter(int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("limit too small: " + limit);
        }
        this.limit = limit;
    }

    public List<String> split(String html) {
        List<Atom> atoms = TelegramHtml.atoms(html);
        List<String> parts = new ArrayList<>();
        Deque<Tag> open = new ArrayDeque<>();
        int start = 0;
        while (start < atoms.size()) {
            start = skipLeadingWhitespace(atoms, start, open);
            if (start >= atoms.size()) {
                break;
            }
            List<Tag> reopened = new ArrayList<>(open);
            Cut cut = findCut(atoms, start, open);
            String part = assemble(atoms, start, cut, reopened);
            if (TelegramHtml.visibleLength(part) > 0) {
                parts.add(part);
            }
            open.clear();
            open.addAll(cut.openAfter());
            start = cut.end();
        }
        return parts;
    }

    /** Where one part ends: atoms [start, end) go in; {@code openAfter} are the tags still open there (outermost first). */
    private record Cut(int end, List<Tag> openAfter) {
    }

    private Cut findCut(List<Atom> atoms, int start, Deque<Tag> initiallyOpen) {
        Deque<Tag> open = new ArrayDeque<>(initiallyOpen);
        Cut paragraph = null;
        Cut line = null;
        Cut word = null;
        int visible = 0;
        int minUseful = limit / 4;
        for (int i = start; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            if (a instanceof Tag t) {
                track(open, t);
                continue;
            }
            Visible v = (Visible) a;
            if (visible + v.visibleLength() > limit) {
                Cut best = paragraph != null ? paragraph : line != null ? line : word;
                return best != null ? best : new Cut(i, snapshot(open));
            }
            visible += v.visibleLength();
            if (visible < minUseful) {
                continue;
            }
            if (v.text().equals("\n")) {
                boolean blankLine = i > start && atoms.get(i - 1) instanceof Visible p && p.text().equals("\n");
                if (blankLine) {
                    paragraph = new Cut(i + 1, snapshot(open));
                } else {
                    line = new Cut(i + 1, snapshot(open));
                }
            } else if (v.isWhitespace()) {
                word = new Cut(i + 1, snapshot(open));
            }
        }
        return new Cut(atoms.size(), snapshot(open));
    }

    private static void track(Deque<Tag> open, Tag t) {
        if (!t.closing()) {
            open.addLast(t);
            return;
        }
        // close the innermost tag of that name (our renderer nests properly)
        Iterator<Tag> it = open.descendingIterator();
        while (it.hasNext()) {
            if (it.next().name().equals(t.name())) {
                it.remove();
                return;
            }
        }
    }

    private static List<Tag> snapshot(Deque<Tag> open) {
        return List.copyOf(open);
    }

    private static int skipLeadingWhitespace(List<Atom> atoms, int start, Deque<Tag> open) {
        int i = start;
        while (i < atoms.size() && atoms.get(i) instanceof Visible v && v.isWhitespace()) {
            i++;
        }
        return i;
    }

    private static String assemble(List<Atom> atoms, int start, Cut cut, List<Tag> reopened) {
        // leave out whitespace just before the cut (Telegram trims it anyway), but keep the tags around it
        int lastVisible = -1;
        for (int i = cut.end() - 1; i >= start; i--) {
            if (atoms.get(i) instanceof Visible v && !v.isWhitespace()) {
                lastVisible = i;
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        for (Tag t : reopened) {
            out.append(t.raw());
        }
        for (int i = start; i < cut.end(); i++) {
            Atom a = atoms.get(i);
            if (i > lastVisible && a instanceof Visible) {
                continue;
            }
            out.append(a.raw());
        }
        List<Tag> stillOpen = cut.openAfter();
        for (int i = stillOpen.size() - 1; i >= 0; i--) {
            out.append("</").append(stillOpen.get(i).name()).append('>');
        }
        return out.toString();
    }
}
