package ru.tos.dutydesk.desk;

import java.util.List;

/** The kinds of participant asked in the light profile (the grant report counts by them). */
public final class Participant {
    public static final List<String> ROLES =
            List.of("активист ТОС", "житель", "НКО", "представитель МСУ", "предприниматель", "другое");
    public static final String OTHER_DISTRICT = "другой";

    private Participant() {
    }
}
