package ru.tos.dutydesk.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A part of a whole as every format writes it: one decimal, a decimal comma, rounded down, so a target reads
 * 100,0 % only once it is reached and the table, CSV and chat never disagree by a rounding step. Computed from
 * the counts, not from a double, so 29 of 100 is 29,0 and not 28,9.
 */
public record Percent(long part, long whole) {

    /** "33,3", or empty when there is no whole to be a part of. */
    public Optional<String> number() {
        if (whole <= 0) {
            return Optional.empty();
        }
        BigDecimal p = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.DOWN);
        return Optional.of(p.toPlainString().replace('.', ','));
    }

    /** "33,3 %", or a dash when there is no whole. */
    public String text() {
        return number().map(n -> n + " %").orElse(Figures.NONE);
    }
}
