package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.knowledge.KnowledgeEditor;
import ru.tos.dutydesk.matching.VariantGuard;

/**
 * What the desk needs to change its own knowledge from the consultants' chat: the editor of the knowledge folder,
 * and the guard that tries a variant before it is written. A desk without it (command-line helpers) says teaching
 * is unavailable.
 */
public record Teaching(KnowledgeEditor editor, VariantGuard guard) {
}
