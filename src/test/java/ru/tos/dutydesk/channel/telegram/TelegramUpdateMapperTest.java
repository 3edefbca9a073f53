package ru.tos.dutydesk.channel.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundMessage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramUpdateMapperTest {
    private static final long GROUP = -1001234567890L;
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final TelegramUpdateMapper mapper = new TelegramUpdateMapper(Optional.of(GROUP),
            () -> Optional.of("TosDeskBot"), Clock.fixed(NOW, ZoneOffset.UTC));

    private Update update(String body) throws Exception {
        return json.readValue(body, Update.class);
    }

    private static String message(long chatId, String chatType, String extra) {
        return """
                {"update_id": 501, "message": {"message_id": 77, "date": 1764583200,
                 "chat": {"id": %d, "type": "%s"},
                 "from": {"id": 42, "is_bot": false, "first_name": "Мария", "last_name": "Петрова", "username": "masha"}%s}}
                """.formatted(chatId, chatType, extra);
    }

    @Test
    void privateTextBecomesInboundMessage() throws Exception {
        InboundMessage m = mapper.map(update(message(42, "private", ", \"text\": \"Как создать ТОС?\""))).orElseThrow();
        assertThat(m.updateKey()).isEqualTo("telegram:501");
        assertThat(m.chat().channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(m.chat().chatId()).isEqualTo("42");
        assertThat(m.from().platformUserId()).isEqualTo("42");
        assertThat(m.from().displayName()).isEqualTo("Мария Петрова");
        assertThat(m.text()).isEqualTo("Как создать ТОС?");
        assertThat(m.platformMessageId()).isEqualTo("77");
        assertThat(m.replyToMessageId()).isNull();
        assertThat(m.hasAttachment()).isFalse();
        assertThat(m.receivedAt()).isEqualTo(Instant.ofEpochSecond(1764583200));
    }

    @Test
    void groupCommandAddressedToUsLosesTheBotName() throws Exception {
        InboundMessage m = mapper.map(update(message(GROUP, "supergroup", ", \"text\": \"/take@TosDeskBot 3\""))).orElseThrow();
        assertThat(m.text()).isEqualTo("/take 3");
        assertThat(m.chat().chatId()).isEqualTo(String.valueOf(GROUP));
        assertThat(mapper.map(update(message(GROUP, "supergroup", ", \"text\": \"/queue@tosdeskbot\""))).orElseThrow().text())
                .isEqualTo("/queue");
    }

    @Test
    void commandForAnotherBotIsNotOurs() throws Exception {
        assertThat(mapper.map(update(message(GROUP, "supergroup", ", \"text\": \"/take@OtherBot 3\"")))).isEmpty();
    }

    @Test
    void replyInGroupCarriesTheRepliedMessageId() throws Exception {
        InboundMessage m = mapper.map(update(message(GROUP, "supergroup", """
                , "text": "Ответ жителю", "reply_to_message": {"message_id": 12, "date": 1764583100,
                  "chat": {"id": %d, "type": "supergroup"}, "from": {"id": 1, "is_bot": true, "first_name": "bot"}, "text": "карточка"}
                """.formatted(GROUP)))).orElseThrow();
        assertThat(m.replyToMessageId()).isEqualTo("12");
    }

    @Test
    void aGroupThatIsNotConfiguredIsLoggedOnceWithItsIdAndTitleButNotTheMessage() throws Exception {
        String group = """
                {"update_id": %d, "message": {"message_id": 3, "date": 1764583200,
                 "chat": {"id": -100777, "type": "supergroup", "title": "Консультанты ТОС"},
                 "from": {"id": 42, "is_bot": false, "first_name": "Мария"}, "text": "%s"}}""";
        try (ru.tos.dutydesk.testing.LogCapture log = ru.tos.dutydesk.testing.LogCapture.start()) {
            assertThat(mapper.map(update(group.formatted(1, "секретный текст")))).isEmpty();
            assertThat(mapper.map(update(group.formatted(2, "ещё текст")))).isEmpty();
            List<String> lines = log.lines().stream().filter(l -> l.contains("-100777")).toList();
            assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("WARN")
                    .contains("Консультанты ТОС").contains("telegram.consultants-chat-id"));
            assertThat(log.text()).doesNotContain("секретный текст").doesNotContain("ещё текст");
        }
    }

    @Test
    void idIsTakenFromAnyGroupEvenOneNotConfigured() throws Exception {
        InboundMessage m = mapper.map(update(message(-100777, "group", ", \"text\": \"/id@TosDeskBot\""))).orElseThrow();
        assertThat(m.text()).isEqualTo("/id");
        assertThat(m.chat().chatId()).isEqualTo("-100777");
        assertThat(mapper.map(update(message(-100777, "group", ", \"text\": \"/queue\"")))).isEmpty();
    }

    @Test
    void otherGroupsAndBotsAreIgnored() throws Exception {
        assertThat(mapper.map(update(message(-100999, "supergroup", ", \"text\": \"привет\"")))).isEmpty();
        assertThat(mapper.map(update("""
                {"update_id": 5, "message": {"message_id": 1, "date": 1, "chat": {"id": 42, "type": "private"},
                 "from": {"id": 9, "is_bot": true, "first_name": "spam"}, "text": "x"}}"""))).isEmpty();
    }

    @Test
    void photoWithoutTextIsAnAttachmentAndCaptionIsText() throws Exception {
        InboundMessage bare = mapper.map(update(message(42, "private",
                ", \"photo\": [{\"file_id\": \"a\", \"file_unique_id\": \"b\", \"width\": 1, \"height\": 1}]"))).orElseThrow();
        assertThat(bare.text()).isNull();
        assertThat(bare.hasAttachment()).isTrue();
        InboundMessage captioned = mapper.map(update(message(42, "private",
                ", \"caption\": \"это устав\", \"document\": {\"file_id\": \"a\", \"file_unique_id\": \"b\"}"))).orElseThrow();
        assertThat(captioned.text()).isEqualTo("это устав");
        assertThat(captioned.hasAttachment()).isTrue();
        assertThat(mapper.map(update(message(42, "private",
                ", \"voice\": {\"file_id\": \"a\", \"file_unique_id\": \"b\", \"duration\": 3}"))).orElseThrow().hasAttachment()).isTrue();
    }

    @Test
    void serviceMessagesWithoutTextOrAttachmentAreSkipped() throws Exception {
        assertThat(mapper.map(update(message(GROUP, "supergroup",
                ", \"new_chat_members\": [{\"id\": 5, \"is_bot\": false, \"first_name\": \"Новый\"}]")))).isEmpty();
    }

    @Test
    void callbackQueryBecomesChoiceFromTheTapper() throws Exception {
        InboundMessage m = mapper.map(update("""
                {"update_id": 900, "callback_query": {"id": "q1", "chat_instance": "c", "data": "take:7",
                 "from": {"id": 55, "is_bot": false, "first_name": "Ольга"},
                 "message": {"message_id": 31, "date": 1764583000, "chat": {"id": %d, "type": "supergroup"},
                   "from": {"id": 1, "is_bot": true, "first_name": "bot"}, "text": "Карточка"}}}
                """.formatted(GROUP))).orElseThrow();
        assertThat(m.updateKey()).isEqualTo("telegram:900");
        assertThat(m.choice()).isEqualTo("take:7");
        assertThat(m.text()).isNull();
        assertThat(m.from().platformUserId()).isEqualTo("55");
        assertThat(m.chat().chatId()).isEqualTo(String.valueOf(GROUP));
        assertThat(m.platformMessageId()).isEqualTo("31");
        assertThat(m.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void callbackOnAnInaccessibleMessageStillKnowsTheChat() throws Exception {
        InboundMessage m = mapper.map(update("""
                {"update_id": 901, "callback_query": {"id": "q2", "chat_instance": "c", "data": "yes",
                 "from": {"id": 42, "is_bot": false, "first_name": "Мария"},
                 "message": {"message_id": 3, "date": 0, "chat": {"id": 42, "type": "private"}}}}""")).orElseThrow();
        assertThat(m.chat().chatId()).isEqualTo("42");
        assertThat(m.choice()).isEqualTo("yes");
    }

    @Test
    void unknownKindsAndEditsAreSkipped() throws Exception {
        assertThat(mapper.map(update("""
                {"update_id": 7, "edited_message": {"message_id": 1, "date": 1, "edit_date": 2,
                 "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "M"}, "text": "x"}}"""))).isEmpty();
        assertThat(mapper.map(update("""
                {"update_id": 8, "some_future_update": {"x": 1}}"""))).isEmpty();
        assertThat(mapper.map(update("""
                {"update_id": 9, "my_chat_member": {"chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "M"},
                 "date": 1, "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "b"}},
                 "new_chat_member": {"status": "kicked", "user": {"id": 1, "is_bot": true, "first_name": "b"}, "until_date": 0}}}"""))).isEmpty();
    }

    @Test
    void displayNameFallsBackToUsername() throws Exception {
        InboundMessage m = mapper.map(update("""
                {"update_id": 10, "message": {"message_id": 1, "date": 1, "chat": {"id": 43, "type": "private"},
                 "from": {"id": 43, "is_bot": false, "first_name": " ", "username": "anon"}, "text": "вопрос"}}""")).orElseThrow();
        assertThat(m.from().displayName()).isEqualTo("@anon");
    }

    @Test
    void whileBotNameUnknownAnySuffixIsStripped() throws Exception {
        TelegramUpdateMapper early = new TelegramUpdateMapper(Optional.of(GROUP), Optional::empty, Clock.systemUTC());
        assertThat(early.map(update(message(GROUP, "supergroup", ", \"text\": \"/close@Whatever 4\""))).orElseThrow().text())
                .isEqualTo("/close 4");
    }
}
