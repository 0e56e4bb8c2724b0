package org.opentalks.speech.piper;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A voice's {@code phoneme_id_map} and Piper's way of turning a sentence's phonemes into the model's input, as
 * piper-phonemize's {@code phonemes_to_ids} does it: the ids of BOS {@code ^} and a pad {@code _}, then for every
 * phoneme its ids followed by a pad (interspersed padding), then EOS {@code $}. A phoneme the map lacks is skipped,
 * pad and all. Phonemes are single code points, as the map's keys are.
 */
public final class PhonemeIds {
    static final int PAD = '_';
    static final int BOS = '^';
    static final int EOS = '$';

    private final Map<Integer, long[]> map;

    /**
     * @param map code point → ids; must hold {@code _}, {@code ^} and {@code $}
     */
    PhonemeIds(Map<Integer, long[]> map) {
        for (int required : new int[] {PAD, BOS, EOS}) {
            long[] ids = map.get(required);
            if (ids == null || ids.length == 0) {
                throw new IllegalArgumentException("phoneme_id_map has no ids for '" + Character.toString(required)
                        + "' (Piper's pad _, start ^ and end $ are required)");
            }
        }
        this.map = Map.copyOf(map);
    }

    /** Whether the voice has ids for {@code phoneme}, a code point. */
    public boolean has(int phoneme) {
        return map.containsKey(phoneme);
    }

    /** The largest id, for checking the map against the model's embedding table. */
    public long maxId() {
        return map.values().stream().flatMapToLong(Arrays::stream).max().orElse(0);
    }

    /**
     * The model input for one sentence.
     *
     * @param ids    the ids, BOS first and EOS last
     * @param starts for each phoneme, the index of its first id; for a skipped phoneme, where it would have been
     * @param ends   for each phoneme, the index after its pad; equal to its start when skipped
     * @param bosEnd ids before this belong to BOS and its pad
     */
    record Encoded(long[] ids, int[] starts, int[] ends, int bosEnd, Set<String> missing) {
        /** The index of EOS's first id: right after the last phoneme's pad. */
        int eosStart() {
            return ends.length == 0 ? bosEnd : ends[ends.length - 1];
        }
    }

    Encoded encode(int[] phonemes) {
        long[] pad = map.get(PAD);
        long[] bos = map.get(BOS);
        long[] eos = map.get(EOS);
        long[] ids = new long[bos.length + pad.length + phonemes.length * (4 + pad.length) + eos.length];
        int n = 0;
        n = append(ids, n, bos);
        n = append(ids, n, pad);
        int bosEnd = n;
        int[] starts = new int[phonemes.length];
        int[] ends = new int[phonemes.length];
        Set<String> missing = new TreeSet<>();
        for (int i = 0; i < phonemes.length; i++) {
            starts[i] = n;
            long[] own = map.get(phonemes[i]);
            if (own == null) {
                missing.add(Character.toString(phonemes[i]));
            } else {
                if (n + own.length + pad.length + eos.length > ids.length) {
                    ids = Arrays.copyOf(ids, 2 * ids.length + own.length + pad.length + eos.length);
                }
                n = append(ids, n, own);
                n = append(ids, n, pad);
            }
            ends[i] = n;
        }
        if (n + eos.length > ids.length) {
            ids = Arrays.copyOf(ids, n + eos.length);
        }
        n = append(ids, n, eos);
        return new Encoded(Arrays.copyOf(ids, n), starts, ends, bosEnd, missing);
    }

    private static int append(long[] into, int at, long[] values) {
        System.arraycopy(values, 0, into, at, values.length);
        return at + values.length;
    }
}
