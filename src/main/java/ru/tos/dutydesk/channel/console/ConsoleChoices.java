package ru.tos.dutydesk.channel.console;

import ru.tos.dutydesk.desk.Choice;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The choices shown last: typing their number in the terminal taps that choice. */
final class ConsoleChoices {
    private final AtomicReference<List<Choice>> last = new AtomicReference<>(List.of());

    void offer(List<Choice> choices) {
        last.set(List.copyOf(choices));
    }

    Optional<Choice> pick(String typed) {
        String t = typed.strip();
        if (!t.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(t);
        List<Choice> choices = last.get();
        return n >= 1 && n <= choices.size() ? Optional.of(choices.get(n - 1)) : Optional.empty();
    }
}
