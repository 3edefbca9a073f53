package ru.tos.dutydesk.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Each question of a plan against the consultations the desk recorded: those with none, and those recorded more than
 * once (with how often), each as «account: question».
 */
record QuestionsRecorded(List<String> missing, List<String> twice) {

    static QuestionsRecorded of(CrashPlan plan, CrashPlatform platform, List<DeskDb.ConsultationRow> consultations) {
        Map<String, Long> byQuestion = consultations.stream()
                .collect(Collectors.groupingBy(c -> c.account() + "/" + c.question(), Collectors.counting()));
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (CrashPlan.Ask a : plan.asks()) {
            String who = String.valueOf(platform.account(a.person()));
            long n = byQuestion.getOrDefault(who + "/" + a.text(), 0L);
            if (n == 0) {
                missing.add(who + ": " + a.text());
            } else if (n > 1) {
                twice.add(who + ": " + a.text() + " ×" + n);
            }
        }
        return new QuestionsRecorded(missing, twice);
    }
}
