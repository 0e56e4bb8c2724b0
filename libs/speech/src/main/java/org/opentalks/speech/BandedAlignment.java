package org.opentalks.speech;

import java.util.Arrays;

/**
 * Minimum-cost alignment of two sequences (edit distance with a traceback), searched only within a band around
 * the diagonal that joins their ends, so that a long script costs time and memory linear in its length. Two
 * streams of the same speech drift apart only locally, which is what the band allows for.
 */
final class BandedAlignment {

    /** The cost of pairing item {@code i} of the first sequence with item {@code j} of the second. */
    interface Cost {
        int substitute(int i, int j);
    }

    private static final int INFINITE = Integer.MAX_VALUE / 4;
    private static final byte DIAGONAL = 0;
    private static final byte SKIP_FIRST = 1;
    private static final byte SKIP_SECOND = 2;

    private BandedAlignment() {
    }

    /**
     * For each item of the first sequence (length {@code n}), the index of the item of the second (length
     * {@code m}) it is paired with, or -1 where it is left unpaired.
     *
     * @param gap  the cost of leaving one item of either sequence unpaired
     * @param band how far (in items) the path may stray from the diagonal
     */
    static int[] align(int n, int m, Cost cost, int gap, int band) {
        int[] pairs = new int[n];
        Arrays.fill(pairs, -1);
        if (n == 0 || m == 0) {
            return pairs;
        }
        // Consecutive rows' bands must overlap, however much longer the second sequence is.
        band = Math.max(band, (m + n - 1) / n + 1);
        int width = 2 * band + 1;
        byte[][] from = new byte[n + 1][width];
        int[] previous = new int[width];
        int[] current = new int[width];
        int previousLow = low(0, n, m, band);
        for (int k = 0; k < width; k++) {
            int j = previousLow + k;
            previous[k] = j <= m ? j * gap : INFINITE;
            from[0][k] = SKIP_SECOND;
        }
        for (int i = 1; i <= n; i++) {
            int lo = low(i, n, m, band);
            for (int k = 0; k < width; k++) {
                int j = lo + k;
                if (j > m) {
                    current[k] = INFINITE;
                    continue;
                }
                int best = INFINITE;
                byte step = SKIP_FIRST;
                int up = j - previousLow;
                if (up >= 0 && up < width && previous[up] < INFINITE) {
                    best = previous[up] + gap;
                }
                if (j > 0) {
                    int diagonal = j - 1 - previousLow;
                    if (diagonal >= 0 && diagonal < width && previous[diagonal] < INFINITE) {
                        int c = previous[diagonal] + cost.substitute(i - 1, j - 1);
                        if (c < best) {
                            best = c;
                            step = DIAGONAL;
                        }
                    }
                    if (k > 0 && current[k - 1] < INFINITE && current[k - 1] + gap < best) {
                        best = current[k - 1] + gap;
                        step = SKIP_SECOND;
                    }
                }
                current[k] = best;
                from[i][k] = step;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
            previousLow = lo;
        }
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            byte step = from[i][j - low(i, n, m, band)];
            if (step == DIAGONAL) {
                pairs[i - 1] = j - 1;
                i--;
                j--;
            } else if (step == SKIP_FIRST) {
                i--;
            } else {
                j--;
            }
        }
        return pairs;
    }

    /** The first column of row {@code i}'s band: the diagonal from (0, 0) to (n, m), less the band. */
    private static int low(int i, int n, int m, int band) {
        return (int) Math.max(0, Math.round((double) i * m / n) - band);
    }
}
