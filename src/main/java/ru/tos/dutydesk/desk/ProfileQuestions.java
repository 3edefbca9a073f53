package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The light profile: after a person's first answered question (never before), the desk asks once which
 * municipal district they are from and who they are. Both can be skipped; /profile asks again.
 */
final class ProfileQuestions {
    private final DeskSettings settings;

    ProfileQuestions(DeskSettings settings) {
        this.settings = settings;
    }

    /** Asks the district question if this person was never asked. */
    void askIfDue(DeskTransaction tx, UserRecord user, Address chat, Instant now) {
        // a letter has no buttons to tap: by mail the profile is skipped and the district stays unknown
        if (user.profileStage() == ProfileStage.NOT_ASKED && chat.channel() != Channel.EMAIL) {
            askDistrict(tx, user, chat, now);
        }
    }

    void askDistrict(DeskTransaction tx, UserRecord user, Address chat, Instant now) {
        List<Choice> choices = new ArrayList<>();
        List<String> districts = settings.districts();
        for (int i = 0; i < districts.size(); i++) {
            choices.add(ChoiceData.of(districts.get(i), ChoiceData.Kind.DISTRICT, i + 1L));
        }
        choices.add(ChoiceData.of(Participant.OTHER_DISTRICT, ChoiceData.Kind.DISTRICT, districts.size() + 1L));
        choices.add(ChoiceData.of("Пропустить", ChoiceData.Kind.DISTRICT, 0));
        tx.saveProfile(user.id(), user.district(), user.role(), ProfileStage.ASKED_DISTRICT);
        tx.enqueue(OutboundMessage.of(chat, "Чтобы ассоциация видела, откуда к нам обращаются, подскажите: "
                + "из какого вы муниципального района? Можно пропустить.", choices), now);
    }

    /** A tapped district: stores it and asks the role. */
    void district(DeskTransaction tx, UserRecord user, Address chat, long index, Instant now) {
        List<String> districts = settings.districts();
        String district = index == 0 ? user.district()
                : index <= districts.size() ? districts.get((int) index - 1) : Participant.OTHER_DISTRICT;
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < Participant.ROLES.size(); i++) {
            choices.add(ChoiceData.of(Participant.ROLES.get(i), ChoiceData.Kind.ROLE, i + 1L));
        }
        choices.add(ChoiceData.of("Пропустить", ChoiceData.Kind.ROLE, 0));
        tx.saveProfile(user.id(), district, user.role(), ProfileStage.ASKED_ROLE);
        tx.enqueue(OutboundMessage.of(chat, "И кто вы? Можно пропустить.", choices), now);
    }

    void role(DeskTransaction tx, UserRecord user, Address chat, long index, Instant now) {
        String role = index == 0 ? user.role()
                : index <= Participant.ROLES.size() ? Participant.ROLES.get((int) index - 1) : user.role();
        tx.saveProfile(user.id(), user.district(), role, ProfileStage.DONE);
        tx.enqueue(OutboundMessage.of(chat, "Спасибо! Изменить ответы можно командой /profile."), now);
    }

    boolean validDistrictIndex(long index) {
        return index >= 0 && index <= settings.districts().size() + 1L;
    }

    boolean validRoleIndex(long index) {
        return index >= 0 && index <= Participant.ROLES.size();
    }
}
