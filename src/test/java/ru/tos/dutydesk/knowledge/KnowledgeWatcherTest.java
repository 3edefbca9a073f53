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
    /** Puts each reload's knowledge, or its problems, on {@link #events}. */
    private final KnowledgeWatcher.Listener recorder = new KnowledgeWatcher.Listener() {
        @Override
        public void reloaded(KnowledgeBase knowledge) {
            events.add(knowledge);
        }

        @Override
        public void failed(KnowledgeException problems) {
            events.add(problems);
        }
    };
    private KnowledgeWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void startWatching() {
        watcher = new KnowledgeWatcher(faq, PLACEHOLDERS, recorder);
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
    void anOversizedFileDroppedIntoTheFolderIsReportedWithoutBeingRead() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        startWatching();

        Path big = write("basics/huge.md", valid("huge") + "очень длинный текст ".repeat(90_000)); // about 3 MB
        Object event = nextEvent();
        assertThat(event).as("a failed reload: the desk keeps the knowledge it has").isInstanceOf(KnowledgeException.class);
        assertThat(((KnowledgeException) event).getMessage()).contains(big.getFileName().toString())
                .contains("more than the 2.0 MB");
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
    void offTopicEditIsNoticed() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        startWatching();

        write("off-topic.txt", "## garden: СНТ\nкак вступить в снт\n");
        assertThat(((KnowledgeBase) nextEvent()).offTopic()).extracting(OffTopicArea::id).containsExactly("garden");
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

    /** Burst writes are this far apart; the settle time in the burst tests is far longer, so a stalled thread on a busy machine does not split the burst. */
    private static final long BURST_GAP_MS = 20;
    private static final Duration BURST_SETTLE = Duration.ofMillis(600);

    private void startWatching(Duration interval, Duration settle) {
        watcher = new KnowledgeWatcher(faq, () -> new KnowledgeLoader().load(faq, PLACEHOLDERS), recorder, interval, settle);
        watcher.start();
    }

    @Test
    void anEditorSavingThroughATempFileAndARenameGivesOneReloadOfTheNewText() throws Exception {
        Path file = write("basics/tos-law.md", valid("tos-law"));
        startWatching();

        // the way vim, gedit, JetBrains and many others save: write a temp file beside, then rename it over
        Path temp = write("basics/.tos-law.md.tmp", valid("tos-law").replace("Подробности", "Сохранено через rename"));
        write("basics/tos-law.md~", valid("tos-law")); // a backup copy some editors leave
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        Object event = nextEvent();
        assertThat(event).isInstanceOf(KnowledgeBase.class);
        assertThat(((KnowledgeBase) event).entry("tos-law").orElseThrow().body()).contains("Сохранено через rename");
        assertThat(((KnowledgeBase) event).size()).isEqualTo(1);
        assertThat(events.poll(1000, TimeUnit.MILLISECONDS)).as("one save, one reload").isNull();
    }

    @Test
    void aBurstOfQuickWritesGivesOneReloadOfTheLastVersionAndNoErrorForTheHalfWrittenOnes() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        startWatching(Duration.ofMillis(20), BURST_SETTLE);

        String good = valid("tos-law");
        for (int i = 0; i < 10; i++) {
            // every other state is a file caught half-written: cut inside the front matter, so invalid
            String text = i % 2 == 0 ? good.substring(0, good.indexOf("questions:") + 5) : good.replace("Подробности", "Версия " + i);
            write("basics/tos-law.md", text);
            Thread.sleep(BURST_GAP_MS);
        }
        write("basics/tos-law.md", good.replace("Подробности", "Последняя версия"));

        Object event = events.poll(LIVE_WITHIN_MS + BURST_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("the burst ends in one reload").isInstanceOf(KnowledgeBase.class);
        assertThat(((KnowledgeBase) event).entry("tos-law").orElseThrow().body()).contains("Последняя версия");
        assertThat(events.poll(BURST_SETTLE.toMillis() + 500, TimeUnit.MILLISECONDS)).as("nothing after it").isNull();
    }

    @Test
    void aFileThatVanishesAndReturnsWithinTheSettleTimeIsOneReload() throws Exception {
        Path file = write("basics/tos-law.md", valid("tos-law"));
        write("money/money-sources.md", valid("money-sources"));
        startWatching(Duration.ofMillis(20), BURST_SETTLE);

        // editors that move the old file away as a backup, then write the new one
        Files.move(file, file.resolveSibling("tos-law.md.bak"));
        Thread.sleep(BURST_GAP_MS);
        write("basics/tos-law.md", valid("tos-law").replace("Подробности", "Новый файл"));

        Object event = events.poll(LIVE_WITHIN_MS + BURST_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).isInstanceOf(KnowledgeBase.class);
        assertThat(((KnowledgeBase) event).size()).as("the entry was never reported gone").isEqualTo(2);
        assertThat(((KnowledgeBase) event).entry("tos-law").orElseThrow().body()).contains("Новый файл");
        assertThat(events.poll(BURST_SETTLE.toMillis() + 500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anEditMadeBetweenTheBaselineAndTheStartIsReloaded() throws Exception {
        write("basics/tos-law.md", valid("tos-law"));
        KnowledgeWatcher.Baseline beforeTheFirstLoad = KnowledgeWatcher.baseline(faq);
        // the desk's first load and index build take a while; an editor saves meanwhile
        write("basics/tos-law.md", valid("tos-law").replace("Подробности", "Правка во время запуска"));
        watcher = new KnowledgeWatcher(faq, () -> new KnowledgeLoader().load(faq, PLACEHOLDERS), recorder, KnowledgeWatcher.DEFAULT_INTERVAL);
        watcher.start(beforeTheFirstLoad);

        assertThat(((KnowledgeBase) nextEvent()).entry("tos-law").orElseThrow().body()).contains("Правка во время запуска");
    }
}
