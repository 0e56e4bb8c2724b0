package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Point;

class DenseWarpTest {
    private static final int SIZE = TestFaces.SIZE;

    @Test
    void noDisplacementGivesTheIdentityMapAndTheInputImage() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        float[] mapX = new float[SIZE * SIZE];
        float[] mapY = new float[SIZE * SIZE];
        DenseWarp.build(face.landmarks(), face.landmarks(), SIZE, SIZE, mapX, mapY);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                assertEquals(x, mapX[y * SIZE + x], 0f, "mapX at " + x + "," + y);
                assertEquals(y, mapY[y * SIZE + x], 0f, "mapY at " + x + "," + y);
            }
        }
        byte[] out = new byte[SIZE * SIZE * 3];
        try (OpenCvResampler resampler = new OpenCvResampler()) {
            resampler.remap(face.bgr(), SIZE, SIZE, mapX, mapY, out);
        }
        assertArrayEquals(face.bgr(), out, "identity warp must return the input");
    }

    @Test
    void mapCarriesEachTargetPointToItsSourcePoint() throws IOException {
        List<Point> source = TestFaces.astronaut().landmarks();
        List<Point> target = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            Point p = source.get(i);
            // Jaw and lower lip down 12 px, the rest still, like an opening mouth.
            boolean lower = (i >= 4 && i <= 12) || (i >= 55 && i <= 59) || (i >= 65 && i <= 67);
            target.add(lower ? new Point(p.x(), p.y() + 12) : p);
        }
        float[] mapX = new float[SIZE * SIZE];
        float[] mapY = new float[SIZE * SIZE];
        DenseWarp.build(source, target, SIZE, SIZE, mapX, mapY);
        for (int i = 0; i < source.size(); i++) {
            Point t = target.get(i);
            int x = (int) Math.round(t.x());
            int y = (int) Math.round(t.y());
            // The map at the pixel nearest the target points back at the source, up to that rounding.
            double expectX = source.get(i).x() + (x - t.x());
            double expectY = source.get(i).y() + (y - t.y());
            assertEquals(expectX, mapX[y * SIZE + x], 0.75, "x of landmark " + i);
            assertEquals(expectY, mapY[y * SIZE + x], 0.75, "y of landmark " + i);
        }
        // The frame border is anchored: exactly at the anchors, within half a pixel between them.
        for (int k = 0; k < SIZE; k++) {
            assertEquals(k, mapX[k], 0.5, "top edge");
            assertEquals(SIZE - 1, mapY[(SIZE - 1) * SIZE + k], 0.5, "bottom edge");
        }
        // Between the moved chin and the anchored border the field stays smooth: neighbouring
        // pixels never sample more than a few pixels apart.
        for (int y = 0; y < SIZE; y++) {
            for (int x = 1; x < SIZE; x++) {
                int i = y * SIZE + x;
                assertTrue(Math.abs(mapY[i] - mapY[i - 1]) < 2, "map jumps at " + x + "," + y);
            }
        }
    }
}
