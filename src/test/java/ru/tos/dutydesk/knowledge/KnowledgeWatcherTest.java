package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.knowledge.KnowledgeLoaderTest.PLACEHOLDERS;
import static ru.tos.dutydesk.knowledge.KnowledgeLoaderTest.valid;

class KnowledgeWatcherTest {
    /** The promise to editors: an edit is live within this time. */
    private static final long LIVE_WITHIN_MS = 2000;

    @TempDir
    Path faq;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private KnowledgeWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void startWatching() {
        watcher = new KnowledgeWatcher(faq, PLACEHOLDERS, new KnowledgeWatcher.Listener() {
            @Override
            public void reloaded(KnowledgeBase knowledge) {
                events.add(knowledge);
            }

            @Override
            public void failed(KnowledgeException problems) {
                events.add(problems);
            }
        });
        watcher.start();
    }

    /** Waits at most the promised time for the next report. */
    private Object nextEvent() throws InterruptedException {
        Object e = events.poll(LIVE_WITHIN_MS, TimeUnit.MILLISECONDS);
        assertThat(e).as("a reload reported within " + LIVE_WITHIN_MS + " ms").isNotNull();
        return e;
    }

    private Path write(String relative, String text) throws IOException {
        Path file = faq.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void goodEditIsReloadedThenBrokenEditIsReported() throws Exception {
        Path file = write("basics/tos-law.md", valid("tos-law"));
        startWatching();

        write("basics/tos-law.md", valid("tos-law").replace("Подробности", "Новые подробности"));
        Object first = nextEvent();
        assertThat(first).isInstanceOf(KnowledgeBase.class);
        assertThat(((KnowledgeBase) first).entry("tos-law").orElseThrow().body()).contains("Новые подробности");

        write("basics/tos-law.md", valid("tos-law").replace("title: Какой закон", "title: Вопрос: какой закон"));
        Object second = nextEvent();
        assertThat(second).isInstanceOf(KnowledgeException.class);
        KnowledgeException e = (KnowledgeException) second;
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void addedAndRemovedFilesAreNoticed() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        startWatching();

        Path added = write("money/money-sources.md", valid("money-sources"));
        assertThat(((KnowledgeBase) nextEvent()).size()).isEqualTo(2);

        Files.delete(added);
        assertThat(((KnowledgeBase) nextEvent()).entry("money-sources")).isEmpty();
    }

    @Test
    void synonymsEditIsNoticed() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        startWatching();

        write("synonyms.txt", "фпг, фонд президентских грантов\n");
        assertThat(((KnowledgeBase) nextEvent()).synonyms().groups()).hasSize(1);
    }

    @Test
    void sameSizeEditWithinTheSameSecondIsNoticed() throws Exception {
        Path file = write("basics/tos-law.md", valid("tos-law"));
        startWatching();
        var mtime = Files.getLastModifiedTime(file);

        write("basics/tos-law.md", valid("tos-law").replace("статья 27", "статья 28"));
        Files.setLastModifiedTime(file, mtime);

        assertThat(((KnowledgeBase) nextEvent()).entry("tos-law").orElseThrow().body()).contains("статья 28");
    }

    @Test
    void nothingIsReportedWithoutAChangeToKnowledgeNorAfterClose() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        startWatching();
        write("basics/.tos-law.md.swp", "an editor's swap file");
        write("basics/notes.txt", "not knowledge");
        assertThat(events.poll(1200, TimeUnit.MILLISECONDS)).isNull();

        watcher.close();
        write("basics/tos-law.md", valid("tos-law").replace("Подробности", "Другое"));
        assertThat(events.poll(1200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aListenerThatThrowsDoesNotStopWatching() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        watcher = new KnowledgeWatcher(faq, () -> new KnowledgeLoader().load(faq, PLACEHOLDERS),
                new KnowledgeWatcher.Listener() {
                    private boolean thrown;

                    @Override
                    public void reloaded(KnowledgeBase knowledge) {
                        if (!thrown) {
                            thrown = true;
                            throw new IllegalStateException("listener bug");
                        }
                        events.add(knowledge);
                    }

                    @Override
                    public void failed(KnowledgeException problems) {
                        events.add(problems);
                    }
                }, Duration.ofMillis(100));
        watcher.start();

        // The first reload's listener call throws; later edits must still be reported.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIVE_WITHIN_MS);
        Object event = null;
        while (event == null && System.nanoTime() < deadline) {
            write("basics/tos-law.md", valid("tos-law").replace("Подробности", "Два " + System.nanoTime()));
            event = events.poll(300, TimeUnit.MILLISECONDS);
        }
        assertThat(event).isInstanceOf(KnowledgeBase.class);
    }
}
