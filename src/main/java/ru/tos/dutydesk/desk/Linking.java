package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /link}: a person who writes from two channels links the accounts so the report counts them once. The desk
 * gives a code in one channel; the person sends {@code /link CODE} from the other. Nothing else changes.
 */
final class Linking {
    private static final Logger log = LoggerFactory.getLogger(Linking.class);
    static final Duration VALID = Duration.ofMinutes(30);
    private final SecureRandom random = new SecureRandom();

    void handle(DeskTransaction tx, UserRecord user, Address chat, String argument, Instant now) {
        AccountLinks links = tx.accountLinks();
        String code = argument.replaceAll("\\s+", "");
        if (code.isEmpty()) {
            String fresh;
            do {
                fresh = String.format("%06d", random.nextInt(1_000_000));
            } while (!links.saveCode(fresh, user.id(), now, now.plus(VALID)));
            tx.enqueue(OutboundMessage.of(chat, "Код для связи аккаунтов: `" + fresh + "` (действует 30 минут).\n\n"
                    + "Если вы пишете нам и из другого канала (Telegram, ВКонтакте, MAX или по почте), отправьте оттуда "
                    + "«/link " + fresh + "» — тогда в отчёте ассоциации вы будете одним участником, а не двумя. "
                    + "Больше связь ничего не меняет."), now);
            return;
        }
        if (!code.matches("\\d{6}")) {
            tx.enqueue(OutboundMessage.of(chat, "Код — шесть цифр. Получить код: /link"), now);
            return;
        }
        Optional<Long> other = links.takeCode(code, now);
        if (other.isEmpty()) {
            log.info("{} user #{} sent a link code that is unknown or expired", chat.channel().key(), user.id());
            tx.enqueue(OutboundMessage.of(chat, "Код не подходит или устарел. Получите новый командой /link в другом канале."), now);
        } else if (other.get() == user.id()) {
            tx.enqueue(OutboundMessage.of(chat, "Этот код выдан этому же аккаунту: отправьте его из другого канала."), now);
        } else {
            links.link(other.get(), user.id());
            log.info("{} user #{} linked to user #{}", chat.channel().key(), user.id(), other.get());
            tx.enqueue(OutboundMessage.of(chat, "Готово: аккаунты связаны, в отчёте ассоциации вы — один участник."), now);
        }
    }
}
