package ru.tos.dutydesk.matching;

import morfologik.stemming.Dictionary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * The morfologik Russian dictionary shipped in {@code org.languagetool:language-ru} (LGPL-2.1, ~6 MB).
 * Reading it takes tens of milliseconds and memory, so one instance is shared: create one per process and
 * pass it around, or use {@link #shared()}. The dictionary itself is immutable and safe to share between threads.
 */
public final class RussianDictionary {
    static final String RESOURCE = "/org/languagetool/resource/ru/russian.dict";

    private final Dictionary dictionary;

    private RussianDictionary(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Reads the dictionary from the classpath. */
    public static RussianDictionary load() {
        URL url = RussianDictionary.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("Russian dictionary " + RESOURCE + " is not on the classpath (org.languagetool:language-ru)");
        }
        try {
            return new RussianDictionary(Dictionary.read(url));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Russian dictionary " + RESOURCE, e);
        }
    }

    /** The process-wide instance, read on first use (initialisation-on-demand holder: immutable once built). */
    public static RussianDictionary shared() {
        return Holder.INSTANCE;
    }

    Dictionary dictionary() {
        return dictionary;
    }

    private static final class Holder {
        static final RussianDictionary INSTANCE = load();
    }
}
