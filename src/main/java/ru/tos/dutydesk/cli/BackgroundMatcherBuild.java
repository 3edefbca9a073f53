package ru.tos.dutydesk.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The matcher's index, built on a thread of its own while the service opens its database and starts its channels:
 * the build is most of the start-up's work, and the rest does not need it (issue 8). Knowledge is parsed and
 * validated before this starts, so a broken knowledge base still stops the start before the database is touched.
 *
 * <p>Nothing is handled before the index is ready: {@link #gate} holds a channel's messages until then (the poller
 * may receive them; it confirms them only after they are recorded), and if the build fails they are refused as if
 * the store had failed, so the channel offers them again after the restart instead of losing them.
 */
final class BackgroundMatcherBuild {
    private static final Logger log = LoggerFactory.getLogger(BackgroundMatcherBuild.class);
    private final CompletableFuture<Matcher> built;

    private BackgroundMatcherBuild(CompletableFuture<Matcher> built) {
        this.built = built;
    }

    /** Starts building on a daemon thread (a start that fails elsewhere must not wait for it to exit). */
    static BackgroundMatcherBuild start(Supplier<? extends Matcher> build) {
        CompletableFuture<Matcher> built = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                built.complete(build.get());
            } catch (Throwable e) {
                built.completeExceptionally(e);
            }
        }, "knowledge-index");
        t.setDaemon(true);
        t.start();
        return new BackgroundMatcherBuild(built);
    }

    /** The matcher once built; the start-up's error if the build failed. */
    Matcher await() throws InterruptedException {
        try {
            return built.get();
        } catch (ExecutionException e) {
            // valid knowledge that cannot be indexed is a bug: its trace goes to the log, the one line to the user
            Throwable cause = e.getCause();
            log.error("knowledge index build failed", cause);
            throw new StartupException("cannot build the knowledge index: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
        }
    }

    /** A matcher that waits for the build and then is the built one. */
    Matcher matcher() {
        return new Matcher() {
            @Override
            public MatchResult match(String question) {
                return ready().match(question);
            }

            @Override
            public String toString() {
                return "matcher (built in the background)";
            }
        };
    }

    /** The handler, entered only once the index is ready; refuses (throws) if the build failed. */
    InboundHandler gate(InboundHandler handler) {
        return new InboundHandler() {
            @Override
            public void handle(InboundMessage message) {
                ready();
                handler.handle(message);
            }

            @Override
            public void handleAll(List<InboundMessage> messages) {
                ready();
                handler.handleAll(messages);
            }
        };
    }

    private Matcher ready() {
        try {
            return built.get();
        } catch (InterruptedException e) {
            // the channel is stopping: the messages stay unconfirmed and come again
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped before the knowledge index was ready", e);
        } catch (ExecutionException | CancellationException e) {
            throw new IllegalStateException("the knowledge index could not be built", e);
        }
    }
}
