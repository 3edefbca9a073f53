package ru.tos.dutydesk.doctor;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The results of {@code doctor} in the order they were checked, printed one line each with the fix under it. */
public final class Checklist {
    private static final String FIX_INDENT = "    ";

    private final List<CheckResult> results = new ArrayList<>();

    public void add(CheckResult result) {
        results.add(result);
    }

    public void addAll(List<CheckResult> more) {
        results.addAll(more);
    }

    public List<CheckResult> results() {
        return List.copyOf(results);
    }

    /** 1 when anything the desk needs is missing, 0 otherwise (warnings included). */
    public int exitCode() {
        return results.stream().anyMatch(CheckResult::failed) ? 1 : 0;
    }

    public void print(PrintWriter out) {
        for (CheckResult r : results) {
            out.println("[" + r.status().label() + "] " + r.subject() + ": " + r.detail());
            if (r.fix() != null) {
                out.println(FIX_INDENT + "Что сделать: " + r.fix());
            }
        }
        long failed = count(CheckResult.Status.FAILED);
        long warnings = count(CheckResult.Status.WARNING);
        out.println();
        if (failed > 0) {
            out.println("Итог: ошибок " + failed + ", предупреждений " + warnings
                    + ". Дежурная не будет работать как настроено: исправьте строки [ОШИБКА] и запустите doctor снова.");
        } else if (warnings > 0) {
            out.println("Итог: ошибок нет, предупреждений " + warnings + ". Дежурная может работать; предупреждения стоит разобрать.");
        } else {
            out.println("Итог: всё в порядке, дежурная готова к работе.");
        }
        out.flush();
    }

    private long count(CheckResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
