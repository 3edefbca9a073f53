package ru.tos.dutydesk.testing;

import ru.tos.dutydesk.channel.telegram.emulator.Button;
import ru.tos.dutydesk.channel.telegram.emulator.SentDocument;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.channel.vk.VkApiEmulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both emulators as one standalone process, to walk through the administrator's guide by hand (or by a script)
 * against 127.0.0.1 instead of the real Telegram and VK: start it, point the desk at the printed URLs, then type
 * what the people do (a resident writes, a consultant replies to a card, a coordinator asks for /stats) on stdin.
 * Everything the bot sends or edits is printed as it happens; documents are saved into the output folder.
 * How to run it: docs/TESTING.md. Not used by the tests.
 */
public final class EmulatorMain {
    static final String TOKEN = "7000000001:EMULATOR-walkthrough-token";
    static final long GROUP = -1_001_234_567_890L;
    /** The people the administrator has added to the consultants' group (the resident ivan is not in it). */
    private static final List<String> IN_GROUP = List.of("admin", "anna", "oleg", "maria");

    private final TelegramBotApiEmulator tg;
    private final VkApiEmulator vk;
    private final Path out;
    private final PrintStream print;
    private final Map<String, TgUser> people = new LinkedHashMap<>();
    private final Map<String, Integer> seenEdits = new HashMap<>();
    private int seenDocuments;
    private int seenVk;

    private EmulatorMain(TelegramBotApiEmulator tg, VkApiEmulator vk, Path out, PrintStream print) {
        this.tg = tg;
        this.vk = vk;
        this.out = out;
        this.print = print;
        people.put("admin", new TgUser(5001, "Пётр", "Админов", "petr_admin"));
        people.put("anna", new TgUser(8101, "Анна", "Смирнова", "anna_tos"));
        people.put("oleg", new TgUser(8102, "Олег", "Иванов", null));
        people.put("maria", new TgUser(8201, "Мария", "Котова", null));
        people.put("ivan", new TgUser(9001, "Иван", "Жителев", null));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int tgPort = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        int vkPort = args.length > 1 ? Integer.parseInt(args[1]) : 18082;
        Path out = Path.of(args.length > 2 ? args[2] : "target/emulator-out");
        Files.createDirectories(out);
        PrintStream print = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN, tgPort);
             VkApiEmulator vk = new VkApiEmulator(VkApiEmulator.TOKEN, VkApiEmulator.GROUP_ID, vkPort)) {
            EmulatorMain main = new EmulatorMain(tg, vk, out, print);
            main.setUp();
            Thread watcher = new Thread(main::watch, "emulator-watch");
            watcher.setDaemon(true);
            watcher.start();
            main.readCommands(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }

    /** What the administrator has done in the apps before reading the guide's config section: nothing for VK. */
    private void setUp() {
        tg.registerGroup(GROUP, "Консультанты ТОС");
        for (String who : IN_GROUP) {
            tg.setGroupMember(GROUP, people.get(who), "admin".equals(who) ? "creator" : "member");
        }
        // a new community: messages off, Long Poll off on an old API version, no event types
        vk.setCommunityMessages(false);
        vk.setLongPollSettings(false, "5.131");
        vk.setUserName(7001, "Светлана", "Жительница");
        print.println("Telegram Bot API emulator: " + tg.apiUrl() + "  bot @" + tg.botUsername()
                + "  token " + TOKEN);
        print.println("VK API emulator:          " + vk.apiUrl() + "  community " + VkApiEmulator.GROUP_ID
                + "  key " + VkApiEmulator.TOKEN);
        print.println("group «Консультанты ТОС» " + GROUP + " with the bot (member) and " + IN_GROUP);
        print.println("people: " + people.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().id()).toList()
                + ", VK resident 7001");
        print.println("type `help` for commands");
    }

    private void readCommands(BufferedReader in) throws IOException, InterruptedException {
        String line;
        while ((line = in.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            print.println("> " + line);
            try {
                run(line.split("\\s+", 5));
            } catch (QuitSignal e) {
                return;
            } catch (RuntimeException e) {
                print.println("! " + e.getMessage());
            }
            Thread.sleep(100);
        }
    }

    private void run(String[] w) {
        switch (w[0]) {
            case "help" -> print.println(String.join("\n",
                    "tg WHO TEXT                 WHO writes to the bot in a private chat",
                    "group WHO TEXT              WHO writes in the consultants' group",
                    "reply WHO MESSAGE_ID TEXT   WHO replies in the group to message MESSAGE_ID",
                    "tap WHO CHAT MESSAGE_ID N   WHO presses button N (from 1) under a bot message",
                    "botadmin | botmember        the bot's status in the group",
                    "privacy on|off              BotFather /setprivacy",
                    "join WHO | leave WHO        add to / remove from the group",
                    "vkmessages on|off           VK: community messages",
                    "vklongpoll on|off VERSION [EVENTS...]   VK: Long Poll API settings",
                    "vk USER TEXT                a VK user writes to the community",
                    "vktap USER N                the VK user presses button N of the last message with buttons",
                    "history CHAT                the chat as it stands now, with edits",
                    "quit"));
            case "tg" -> tg.pushText(person(w[1]), rest(w, 2));
            case "group" -> tg.pushGroupText(GROUP, person(w[1]), rest(w, 2), null);
            case "reply" -> tg.pushGroupText(GROUP, person(w[1]), rest(w, 3), Integer.parseInt(w[2]));
            case "tap" -> tap(person(w[1]), Long.parseLong(w[2]), Integer.parseInt(w[3]), Integer.parseInt(w[4]));
            case "botadmin" -> tg.setBotStatus(GROUP, "administrator");
            case "botmember" -> tg.setBotStatus(GROUP, "member");
            case "privacy" -> tg.setPrivacyMode("on".equals(w[1]));
            case "join" -> tg.setGroupMember(GROUP, person(w[1]), "member");
            case "leave" -> tg.setGroupMember(GROUP, person(w[1]), "left");
            case "vkmessages" -> vk.setCommunityMessages("on".equals(w[1]));
            case "vklongpoll" -> vk.setLongPollSettings("on".equals(w[1]), w[2],
                    w.length > 3 ? rest(w, 3).split("\\s+") : new String[0]);
            case "vk" -> vk.pushMessage(Long.parseLong(w[1]), rest(w, 2));
            case "vktap" -> vkTap(Long.parseLong(w[1]), Integer.parseInt(w[2]));
            case "history" -> tg.chatHistory(Long.parseLong(w[1])).forEach(m -> print.println(describe(m)));
            case "quit" -> throw new QuitSignal();
            default -> print.println("! unknown command; type help");
        }
    }

    private void tap(TgUser who, long chat, int messageId, int n) {
        SentMessage m = tg.chatHistory(chat).stream().filter(x -> x.messageId() == messageId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageId + " in chat " + chat));
        Button b = m.buttons().get(n - 1);
        tg.pushCallback(chat, who, messageId, b.callbackData());
    }

    private void vkTap(long user, int n) {
        List<VkApiEmulator.Sent> sent = vk.sentTo(user);
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (!sent.get(i).buttonLabels().isEmpty()) {
                vk.tapButton(user, sent.get(i), n - 1);
                return;
            }
        }
        throw new IllegalArgumentException("no message with buttons to VK user " + user);
    }

    private TgUser person(String who) {
        return Optional.ofNullable(people.get(who))
                .orElseThrow(() -> new IllegalArgumentException("who: one of " + people.keySet()));
    }

    private static String rest(String[] w, int from) {
        return String.join(" ", java.util.Arrays.copyOfRange(w, from, w.length));
    }

    /** Prints each new or edited bot message, each VK message and saves each document, a few times a second. */
    private void watch() {
        while (true) {
            try {
                List<Long> chats = new ArrayList<>();
                chats.add(GROUP);
                people.values().forEach(p -> chats.add(p.id()));
                for (long chat : chats) {
                    for (SentMessage m : tg.chatHistory(chat)) {
                        String key = chat + "/" + m.messageId();
                        Integer seen = seenEdits.get(key);
                        if (m.fromBot() && (seen == null || seen < m.edits())) {
                            print.println((seen == null ? "" : "(edited) ") + describe(m));
                        }
                        seenEdits.put(key, m.edits());
                    }
                }
                List<VkApiEmulator.Sent> vkSent = vk.allSent();
                for (; seenVk < vkSent.size(); seenVk++) {
                    VkApiEmulator.Sent s = vkSent.get(seenVk);
                    print.println("[vk → " + s.peerId() + "] " + s.text()
                            + (s.buttonLabels().isEmpty() ? "" : "  " + numbered(s.buttonLabels())));
                }
                List<String> names = tg.documents();
                for (; seenDocuments < names.size(); seenDocuments++) {
                    saveDocuments();
                }
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                print.println("! watcher: " + e);
            }
        }
    }

    private void saveDocuments() throws IOException {
        List<SentDocument> all = new ArrayList<>();
        all.addAll(tg.documentsTo(GROUP));
        people.values().forEach(p -> all.addAll(tg.documentsTo(p.id())));
        for (SentDocument d : all) {
            Path file = out.resolve(d.chatId() + "-" + d.messageId() + "-" + d.fileName());
            if (!Files.exists(file)) {
                Files.write(file, d.bytes());
                print.println("[tg → " + d.chatId() + " #" + d.messageId() + "] document " + d.fileName() + " ("
                        + d.bytes().length + " bytes, saved as " + file + ") " + d.caption());
            }
        }
    }

    private static String describe(SentMessage m) {
        List<String> labels = m.buttons().stream().map(Button::text).toList();
        return "[tg → " + m.chatId() + " #" + m.messageId() + (m.replyTo() == null ? "" : " reply to #" + m.replyTo())
                + (m.fromBot() ? "" : " (person)") + "] " + m.text() + (labels.isEmpty() ? "" : "  " + numbered(labels));
    }

    private static String numbered(List<String> labels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            b.append('[').append(i + 1).append(") ").append(labels.get(i)).append("] ");
        }
        return b.toString().strip();
    }

    /** `quit`: leaves the command loop so that the emulators close. */
    private static final class QuitSignal extends RuntimeException {
        QuitSignal() {
            super("quit", null, false, false);
        }
    }
}
