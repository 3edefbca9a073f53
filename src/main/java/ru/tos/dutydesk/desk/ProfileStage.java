package ru.tos.dutydesk.desk;

/** The light profile is asked once, after the first answered question, never before. */
public enum ProfileStage {
    NOT_ASKED, ASKED_DISTRICT, ASKED_ROLE, DONE
}
