package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundMessage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MAX updates as the desk sees them; the JSON is shaped as the Bot API documents it. */
class MaxUpdateMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MaxUpdateMapper mapper = new MaxUpdateMapper(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private List<MaxInbound> map(String... updates) throws Exception {
        List<JsonNode> list = new java.util.ArrayList<>();
        for (String u : updates) {
            list.add(json(u));
        }
        return mapper.map(list);
    }

    private static final String SENDER = "{'user_id':42,'first_name':'Анна','last_name':'Петрова','username':null,'is_bot':false}";

    @Test
    void aMessageInADialogBecomesTheResidentsMessage() throws Exception {
        List<MaxInbound> out = map("{'update_type':'message_created','timestamp':1764583200000,'message':{'sender':" + SENDER
                + ",'recipient':{'chat_id':7000000042,'chat_type':'dialog'},'timestamp':1764583200000,"
                + "'link':{'type':'reply','message':{'mid':'mid.prev'}},"
                + "'body':{'mid':'mid.abc','seq':5,'text':'как создать тос','attachments':[{'type':'image','payload':{}}]}}}");

        InboundMessage m = out.get(0).message();
        assertThat(m.updateKey()).isEqualTo("max:mid.abc");
        assertThat(m.chat()).isEqualTo(new Address(Channel.MAX, "7000000042"));
        assertThat(m.from().platformUserId()).isEqualTo("42");
        assertThat(m.from().displayName()).isEqualTo("Анна Петрова");
        assertThat(m.text()).isEqualTo("как создать тос");
        assertThat(m.platformMessageId()).isEqualTo("mid.abc");
        assertThat(m.replyToMessageId()).isEqualTo("mid.prev");
        assertThat(m.hasAttachment()).isTrue();
        assertThat(m.receivedAt()).isEqualTo(Instant.ofEpochMilli(1764583200000L));
        assertThat(out.get(0).callbackId()).isNull();
    }

    @Test
    void groupChatsBotsAndOtherTypesAreSkippedWithoutFailingTheBatch() throws Exception {
        List<MaxInbound> out = map(
                "{'update_type':'message_created','message':{'sender':" + SENDER + ",'recipient':{'chat_id':-5,'chat_type':'chat'},"
                        + "'body':{'mid':'m1','text':'привет'}}}",
                "{'update_type':'message_created','message':{'sender':{'user_id':9,'is_bot':true},"
                        + "'recipient':{'chat_id':1,'chat_type':'dialog'},'body':{'mid':'m2','text':'я бот'}}}",
                "{'update_type':'message_edited','message':{}}",
                "{'update_type':'message_created','message':{'body':{'text':'без отправителя'}}}",
                "{'update_type':'bot_started','chat_id':7000000042,'timestamp':1764583200000,'user':" + SENDER + "}");

        assertThat(out).singleElement().satisfies(i -> {
            assertThat(i.message().text()).isEqualTo("/start");
            assertThat(i.message().updateKey()).isEqualTo("max:start:7000000042:1764583200000");
        });
    }

    @Test
    void aPressOnOurButtonIsAChoiceToAnswerAndAForeignOneIsOnlyAnswered() throws Exception {
        List<MaxInbound> out = map(
                "{'update_type':'message_callback','callback':{'callback_id':'cb1','payload':'more:3','user':" + SENDER + "},"
                        + "'message':{'recipient':{'chat_id':7000000042,'chat_type':'dialog'},'body':{'mid':'mid.out.1'}}}",
                "{'update_type':'message_callback','callback':{'callback_id':'cb2','user':" + SENDER + "},"
                        + "'message':{'recipient':{'chat_id':7000000042,'chat_type':'dialog'},'body':{'mid':'mid.out.2'}}}");

        assertThat(out).hasSize(2);
        assertThat(out.get(0).message().choice()).isEqualTo("more:3");
        assertThat(out.get(0).message().updateKey()).isEqualTo("max:cb:cb1");
        assertThat(out.get(0).message().platformMessageId()).isEqualTo("mid.out.1");
        assertThat(out.get(0).callbackId()).isEqualTo("cb1");
        assertThat(out.get(0).chat()).isEqualTo("7000000042");
        assertThat(out.get(1).message()).isNull();
        assertThat(out.get(1).callbackId()).isEqualTo("cb2");
    }

    @Test
    void withoutAChatIdThePersonIsAddressedByUserId() throws Exception {
        List<MaxInbound> out = map("{'update_type':'message_created','message':{'sender':" + SENDER
                + ",'recipient':{'chat_type':'dialog'},'body':{'mid':'m3','text':'вопрос'}}}");

        assertThat(out.get(0).message().chat().chatId()).isEqualTo("user:42");
    }
}
