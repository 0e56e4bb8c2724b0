package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;

class IdleDriverTest {

    @Test
    void sameSeedSameTrackOtherSeedOtherTrack() {
        DriverTrack a = IdleDriver.generate(20, 25, 11);
        assertEquals(a, IdleDriver.generate(20, 25, 11));
        assertNotEquals(a.poses(), IdleDriver.generate(20, 25, 12).poses());
        assertEquals("bank://idle/driver-01/original", a.driverUrl());
        assertEquals(25, a.fps());
    }

    @Test
    void onePosePerFrame() {
        assertEquals(500, IdleDriver.generate(20, 25, 1).poses().size());
        assertEquals(3, IdleDriver.generate(0.1, 30, 1).poses().size()); // not 4 from 0.1·30 = 3.0000000000000004
        assertEquals(251, IdleDriver.generate(10.01, 25, 1).poses().size());
        assertEquals(0, IdleDriver.generate(0, 25, 1).poses().size());
    }

    @Test
    void blinksComeEveryTwoToSixSecondsStartingAfterAboutOne() {
        for (long seed = 0; seed < 20; seed++) {
            List<Double> blinks = IdleDriver.generate(60, 25, seed).blinkStarts();
            assertTrue(blinks.size() >= 9 && blinks.size() <= 30, "blinks in a minute: " + blinks.size());
            assertTrue(blinks.get(0) >= 0.8 && blinks.get(0) <= 1.3, "first blink at " + blinks.get(0));
            for (int i = 1; i < blinks.size(); i++) {
                double interval = blinks.get(i) - blinks.get(i - 1);
                assertTrue(interval >= 2 && interval <= 6, "interval " + interval);
            }
            assertTrue(blinks.get(blinks.size() - 1) + Blink.DURATION <= 60);
        }
        assertTrue(IdleDriver.generate(0.5, 25, 1).blinkStarts().isEmpty());
    }

    @Test
    void headMovesALittleAndSmoothly() {
        double maxYaw = 0;
        for (long seed = 0; seed < 20; seed++) {
            List<HeadPose> poses = IdleDriver.generate(30, 25, seed).poses();
            HeadPose previous = poses.get(0);
            for (HeadPose p : poses) {
                assertTrue(Math.abs(p.yaw()) <= 3 && Math.abs(p.pitch()) <= 3 && Math.abs(p.roll()) <= 3,
                        "angles " + p);
                assertTrue(Math.abs(p.tx()) <= 0.02 && Math.abs(p.ty()) <= 0.02, "shift " + p);
                assertEquals(1, p.scale(), 0.01);
                // At most a fraction of a degree per frame: idle motion, no jitter.
                assertTrue(Math.abs(p.yaw() - previous.yaw()) < 0.15, "yaw step " + previous + " → " + p);
                maxYaw = Math.max(maxYaw, Math.abs(p.yaw()));
                previous = p;
            }
        }
        assertTrue(maxYaw > 1, "the head should visibly move, max yaw " + maxYaw);
    }
}
