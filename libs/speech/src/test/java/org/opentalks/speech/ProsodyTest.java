package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProsodyTest {
    @Test
    void ratesAreLevelsFactorsOrPercentages() {
        assertEquals(2, Prosody.rate("x-fast"));
        assertEquals(0.5, Prosody.rate("X-Slow"));
        assertEquals(0.8, Prosody.rate("0.8"));
        assertEquals(1.25, Prosody.rate("+25%"), 1e-9);
        assertEquals(0.8, Prosody.rate("-20%"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Prosody.rate("warp"));
        assertThrows(IllegalArgumentException.class, () -> Prosody.rate("9"));
    }

    @Test
    void pitchesAreSemitones() {
        assertEquals(6, Prosody.pitch("+6st"));
        assertEquals(-2, Prosody.pitch("-2st"));
        assertEquals(6, Prosody.pitch("x-high"));
        assertEquals(12 * Math.log(1.1) / Math.log(2), Prosody.pitch("+10%"), 1e-9);
        assertEquals(12, Prosody.pitch("+100Hz", 100), 1e-9);
        assertEquals(-12, Prosody.pitch("50Hz", 100), 1e-9);
        assertEquals(Math.pow(2, 0.5), new Prosody(1, 6, 0).pitchFactor(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Prosody.pitch("+6"));
    }

    @Test
    void volumesAreDecibels() {
        assertEquals(6, Prosody.volume("loud"));
        assertEquals(-3, Prosody.volume("-3dB"));
        assertEquals(20 * Math.log10(0.5), Prosody.volume("50"), 1e-9);
        assertEquals(-60, Prosody.volume("silent"));
    }

    @Test
    void voiceConfigAndNestingCombine() {
        Prosody config = Prosody.of(Map.of("rate", "fast", "pitch", "+2st", "style", "cheerful"));
        assertEquals(new Prosody(1.55, 2, 0), config);
        assertEquals(new Prosody(3.1, 5, 6), config.then(new Prosody(2, 3, 6)));
        assertEquals(4, new Prosody(3, 0, 0).then(new Prosody(3, 0, 0)).rate(), "clamped");
    }
}
