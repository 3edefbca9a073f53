package ru.tos.dutydesk.channel.vk;

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

class VkUpdateMapperTest {
    private final ObjectMapper json = new ObjectMapper();
    private final FakeVkApi api = new FakeVkApi();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private final VkUpdateMapper mapper = new VkUpdateMapper(new VkUserNames(api, 100), json, clock);

    private List<JsonNode> events(String... raw) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String r : raw) {
            out.add(json.readTree(r.replace('\'', '"')));
        }
        return out;
    }

    @Test
    void aNewMessageBecomesTheDesksMessageWithTheSendersName() throws Exception {
        api.names.put(101L, "Анна Петрова");
        List<VkInbound> out = mapper.map(events(
                "{'type':'message_new','event_id':'abc123','object':{'message':{'date':1790000000,'from_id':101,'peer_id':101,"
                        + "'id':77,'text':'Как создать ТОС?','conversation_message_id':5,'attachments':[]}}}"));

        InboundMessage m = out.get(0).message();
        assertThat(m.updateKey()).isEqualTo("vk:abc123");
        assertThat(m.chat()).isEqualTo(new Address(Channel.VK, "101"));
        assertThat(m.from().displayName()).isEqualTo("Анна Петрова");
        assertThat(m.text()).isEqualTo("Как создать ТОС?");
        assertThat(m.platformMessageId()).isEqualTo("77");
        assertThat(m.hasAttachment()).isFalse();
        assertThat(m.receivedAt()).isEqualTo(Instant.ofEpochSecond(1790000000));
        assertThat(out.get(0).ack()).isNull();
    }

    @Test
    void withoutAnEventIdTheKeyIsPeerAndConversationMessageId() throws Exception {
        List<VkInbound> out = mapper.map(events(
                "{'type':'message_new','object':{'from_id':101,'peer_id':2000000001,'id':0,'text':'привет','conversation_message_id':42}}"));

        assertThat(out.get(0).message().updateKey()).isEqualTo("vk:2000000001:42");
        assertThat(out.get(0).message().chat().chatId()).isEqualTo("2000000001");
        assertThat(out.get(0).message().platformMessageId()).isEqualTo("42");
    }

    @Test
    void aPhotoWithoutTextIsAnAttachmentWithNoText() throws Exception {
        List<VkInbound> out = mapper.map(events(
                "{'type':'message_new','event_id':'e1','object':{'message':{'from_id':5,'peer_id':5,'text':'','attachments':[{'type':'photo'}]}}}"));

        assertThat(out.get(0).message().text()).isNull();
        assertThat(out.get(0).message().hasAttachment()).isTrue();
    }

    @Test
    void aButtonTapBecomesAChoiceAndIsToBeAnswered() throws Exception {
        api.names.put(101L, "Анна Петрова");
        List<VkInbound> out = mapper.map(events(
                "{'type':'message_event','event_id':'top1','object':{'user_id':101,'peer_id':101,'event_id':'cb9','payload':{'choice':'ok:3'}}}",
                "{'type':'message_event','object':{'user_id':101,'peer_id':101,'event_id':'cb10','payload':'{\\'choice\\':\\'no:3\\'}'}}"));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).message().choice()).isEqualTo("ok:3");
        assertThat(out.get(0).message().updateKey()).isEqualTo("vk:top1");
        assertThat(out.get(0).message().receivedAt()).isEqualTo(clock.instant());
        assertThat(out.get(0).ack()).isEqualTo(new VkInbound.EventAck("cb9", 101, 101));
        assertThat(out.get(1).message().choice()).isEqualTo("no:3");
        assertThat(out.get(1).message().updateKey()).isEqualTo("vk:cb:cb10");
    }

    @Test
    void aTapOnAForeignButtonIsAnsweredButNotHandedToTheDesk() throws Exception {
        List<VkInbound> out = mapper.map(events(
                "{'type':'message_event','object':{'user_id':101,'peer_id':101,'event_id':'cb1','payload':{'command':'start'}}}"));

        assertThat(out.get(0).message()).isNull();
        assertThat(out.get(0).ack().eventId()).isEqualTo("cb1");
    }

    @Test
    void otherTypesOurOwnMessagesAndBrokenEventsAreSkippedWithoutFailingTheBatch() throws Exception {
        List<VkInbound> out = mapper.map(events(
                "{'type':'group_join','object':{'user_id':1}}",
                "{'type':'message_new','object':{'message':{'from_id':-5,'peer_id':101,'out':1,'text':'наш ответ'}}}",
                "{'type':'message_new','object':{'message':{'text':'без отправителя'}}}",
                "{'type':'message_event','object':{'user_id':101}}",
                "{'type':'message_new','event_id':'ok','object':{'message':{'from_id':7,'peer_id':7,'text':'живой'}}}"));

        assertThat(out).extracting(v -> v.message().text()).containsExactly("живой");
    }

    @Test
    void namesAreLookedUpOncePerBatchAndCachedAndAFailedLookupLeavesTheNameEmpty() throws Exception {
        api.names.put(1L, "Один Первый");
        String e1 = "{'type':'message_new','object':{'message':{'from_id':1,'peer_id':1,'text':'a','conversation_message_id':1}}}";
        String e2 = "{'type':'message_new','object':{'message':{'from_id':2,'peer_id':2,'text':'b','conversation_message_id':1}}}";
        mapper.map(events(e1, e2));
        api.namesFailure = VkCallException.io("users.get: connection failed", null);
        List<VkInbound> again = mapper.map(events(e1, e2));

        assertThat(api.nameLookups).containsExactly(List.of(1L, 2L), List.of(2L));
        assertThat(again.get(0).message().from().displayName()).isEqualTo("Один Первый");
        assertThat(again.get(1).message().from().displayName()).isEqualTo("без имени");
    }
}
