package ru.tos.dutydesk.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * Runs the desk on every channel that has a token in the environment. With none, it opens the console chat,
 * so that a newcomer can talk to the desk at once.
 */
@Command(name = "run", description = "Run the desk (Telegram, VK and/or MAX when their tokens are set; else the console chat).")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(GlobalOptions.of(spec));
    }

    Integer run(GlobalOptions options) throws Exception {
        try (DeskContext ctx = new DeskContext(options, System.getenv())) {
            ChannelTokens tokens = ChannelTokens.from(ctx.env());
            if (tokens.none() && ctx.config().email().isEmpty()) {
                // said once the chat is ready, so that a start-up error stays the only line on stderr
                return ChatCommand.chat(ctx, ChatCommand.Role.resident,
                        () -> log.info("no TELEGRAM_BOT_TOKEN, VK_GROUP_TOKEN or MAX_BOT_TOKEN set: console chat started"));
            }
            return new DeskService(ctx, tokens).runUntilStopped();
        }
    }
}
