package ru.tos.dutydesk.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ru.tos.dutydesk.channel.vk.VkApiEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The VK API emulator behind the crash test. */
final class VkCrashPlatform implements CrashPlatform {
    private static final long FIRST_ACCOUNT = 310_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VkApiEmulator vk;

    VkCrashPlatform() {
        try {
            vk = new VkApiEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "VK";
    }

    @Override
    public Map<String, String> env() {
        return Map.of("VK_API_URL", vk.apiUrl(), "VK_GROUP_TOKEN", VkApiEmulator.TOKEN,
                "VK_GROUP_ID", String.valueOf(VkApiEmulator.GROUP_ID));
    }

    @Override
    public long account(int person) {
        return FIRST_ACCOUNT + person;
    }

    @Override
    public void ask(int person, String text) {
        vk.pushMessage(account(person), text);
    }

    @Override
    public List<Reply> repliesTo(int person) {
        return vk.sentTo(account(person)).stream().map(s -> new Reply(s.text(), choices(s.keyboard()))).toList();
    }

    /** The data of the inline keyboard's callback buttons: each payload is {"choice": data}. */
    private static List<String> choices(String keyboard) {
        List<String> out = new ArrayList<>();
        if (keyboard == null) {
            return out;
        }
        try {
            for (JsonNode row : JSON.readTree(keyboard).path("buttons")) {
                for (JsonNode b : row) {
                    out.add(JSON.readTree(b.path("action").path("payload").asText()).path("choice").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public int polls() {
        return vk.polledTs().size();
    }

    @Override
    public List<String> inFlight() {
        return vk.eventsInFlight();
    }

    @Override
    public void beforeNextSendAnswer(Runnable action) {
        vk.beforeNextSendAnswer(action);
    }

    @Override
    public boolean beforeNextConfirmingPoll(Runnable action) {
        vk.insteadOfNextPoll(action);
        return true;
    }

    @Override
    public int updatesHandedOut() {
        return vk.eventsHandedOut();
    }

    /** Sends VK dropped because their random_id was seen before. */
    int repeatsDropped() {
        return vk.repeatsDropped();
    }

    @Override
    public void close() {
        vk.close();
    }
}
