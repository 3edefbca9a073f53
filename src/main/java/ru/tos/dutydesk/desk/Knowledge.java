package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.Matcher;

/** The knowledge in force: entries, the matcher built on them, and the intent detector. Swapped whole on reload. */
public record Knowledge(KnowledgeBase base, Matcher matcher, IntentDetector intents) {
}
