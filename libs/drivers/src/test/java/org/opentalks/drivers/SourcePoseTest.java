package org.opentalks.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Point;

class SourcePoseTest {
    @Test
    void aFrontalFaceIsFrontal() {
        SourcePose pose = SourcePose.estimate(SyntheticFace.landmarks(0, 0, 0));
        assertEquals(0, pose.yaw(), 0.01);
        assertEquals(0, pose.pitch(), 0.01);
        assertEquals(0, pose.roll(), 0.01);
    }

    @Test
    void readsYawWithTheNoseTowardsImageRightAsPositive() {
        for (double yaw : new double[] {-25, -10, 5, 15, 30}) {
            SourcePose pose = SourcePose.estimate(SyntheticFace.landmarks(yaw, 0, 0));
            assertEquals(yaw, pose.yaw(), 0.5, () -> "yaw " + yaw + ": " + pose);
        }
        List<Point> turned = SyntheticFace.landmarks(15, 0, 0);
        assertTrue(turned.get(30).x() > (turned.get(0).x() + turned.get(16).x()) / 2, "nose right of the jaw's middle");
    }

    @Test
    void readsRollClockwiseOnScreenAsPositiveAndYawUnderRoll() {
        SourcePose pose = SourcePose.estimate(SyntheticFace.landmarks(12, 0, 8));
        assertEquals(8, pose.roll(), 0.2, pose::toString);
        assertEquals(12, pose.yaw(), 0.5, pose::toString);
        List<Point> rolled = SyntheticFace.landmarks(0, 0, 8);
        assertTrue(rolled.get(45).y() > rolled.get(36).y(), "clockwise lowers the eye at image right");
    }

    @Test
    void readsANodDownAsPositivePitch() {
        assertEquals(10, SourcePose.estimate(SyntheticFace.landmarks(0, 10, 0)).pitch(), 0.5);
        assertEquals(-10, SourcePose.estimate(SyntheticFace.landmarks(0, -10, 0)).pitch(), 0.5);
    }

    @Test
    void aMirroredPhotoHasMirroredYawAndRoll() {
        List<Point> face = SyntheticFace.landmarks(14, 3, -6);
        SourcePose pose = SourcePose.estimate(face);
        SourcePose mirrored = SourcePose.estimate(SyntheticFace.mirrored(face));
        assertEquals(-pose.yaw(), mirrored.yaw(), 1e-9);
        assertEquals(-pose.roll(), mirrored.roll(), 1e-9);
        assertEquals(pose.pitch(), mirrored.pitch(), 1e-9);
    }

    @Test
    void needsAll68Landmarks() {
        List<Point> face = SyntheticFace.landmarks(0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> SourcePose.estimate(face.subList(0, 67)));
    }
}
