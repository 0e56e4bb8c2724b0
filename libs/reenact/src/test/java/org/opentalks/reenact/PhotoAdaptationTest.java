package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the engine takes from the photo itself: its smile, its teeth, its sharpness. */
class PhotoAdaptationTest {
    private static final int SIZE = TestFaces.SIZE;

    @Test
    void normalizationRelaxesASmileAndLeavesANeutralMouth() throws IOException {
        FaceRig smiling = new FaceRig(TestFaces.astronaut().landmarks(), SIZE, RigSettings.DEFAULT);
        FaceRig neutral = new FaceRig(TestFaces.graceHopper().landmarks(), SIZE, RigSettings.DEFAULT);
        assertTrue(smiling.cornerNormalization(1) < -0.01, "the astronaut smiles: " + smiling.cornerNormalization(1));
        assertEquals(0.5 * smiling.cornerNormalization(1), smiling.cornerNormalization(0.5), 1e-12);
        assertEquals(0, smiling.cornerNormalization(0), 1e-12);
        assertEquals(0, neutral.cornerNormalization(1), 1e-12, "Grace Hopper does not");
    }

    @Test
    void teethThePhotoShowsAreReused() throws IOException {
        TestFaces.Face astronaut = TestFaces.astronaut();
        TestFaces.Face grace = TestFaces.graceHopper();
        FaceRig a = new FaceRig(astronaut.landmarks(), SIZE, RigSettings.DEFAULT);
        FaceRig g = new FaceRig(grace.landmarks(), SIZE, RigSettings.DEFAULT);
        assertTrue(new MouthInterior(astronaut.bgr(), SIZE, a.source(), a.interOcular()).usesPhotoTeeth(),
                "the astronaut's smile shows her teeth");
        assertFalse(new MouthInterior(grace.bgr(), SIZE, g.source(), g.interOcular()).usesPhotoTeeth(),
                "Grace Hopper's mouth is closed");
    }

    @Test
    void sharpenRaisesDetailOnTheHeadOnly() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        FaceRig rig = new FaceRig(face.landmarks(), SIZE, RigSettings.DEFAULT);
        byte[] sharp = Sharpen.apply(face.bgr(), SIZE, rig::headWeight);
        int changedOutside = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (rig.headWeight(x, y) == 0) {
                    for (int c = 0; c < 3; c++) {
                        int i = 3 * (y * SIZE + x) + c;
                        changedOutside += sharp[i] != face.bgr()[i] ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(0, changedOutside, "nothing changes outside the head");
        int[] box = {(int) face.landmarks().get(36).x(), (int) face.landmarks().get(19).y(),
            (int) face.landmarks().get(45).x(), (int) face.landmarks().get(57).y()};
        double before = detail(face.bgr(), box);
        double after = detail(sharp, box);
        assertTrue(after > 1.1 * before && after < 2 * before, "mild: detail " + before + " → " + after);
    }

    /** Mean absolute horizontal step of the green channel inside [x0, x1) × [y0, y1). */
    private static double detail(byte[] bgr, int[] box) {
        long sum = 0;
        long n = 0;
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2] - 1; x++) {
                int i = 3 * (y * SIZE + x) + 1;
                sum += Math.abs((bgr[i + 3] & 0xff) - (bgr[i] & 0xff));
                n++;
            }
        }
        return (double) sum / n;
    }
}
