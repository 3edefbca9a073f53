package ru.tos.dutydesk.matching;

/** Edit distance for typo tolerance: insertions, deletions, substitutions and swaps of neighbouring letters. */
final class EditDistance {
    private EditDistance() {
    }

    /**
     * The optimal-string-alignment distance between two words, or {@code max + 1} as soon as it is known to be
     * larger than {@code max} (most vocabulary words are far from a typo, so most calls stop early).
     */
    static int bounded(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = before;
            before = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[m], max + 1);
    }
}
