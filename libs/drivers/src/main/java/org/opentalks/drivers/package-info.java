/**
 * The driver bank: looping head-motion tracks in D-ID's families ({@code bank://lively} with six
 * drivers, {@code bank://subtle} and {@code bank://natural} with four each), from which
 * {@link org.opentalks.drivers.DriverBank} cuts a talk's {@link org.opentalks.contract.document.DriverTrack},
 * mirrored for the {@code flipped} variant, matched to the source photo's pose and marked with
 * nods at the speech's phrase boundaries.
 *
 * <h2>Driver files</h2>
 * One JSON file per driver, {@code bank/<family>/driver-NN.json} next to these classes:
 * <pre>{@code
 * {
 *   "format": "opentalks-driver/1",
 *   "driver": "bank://lively/driver-01",
 *   "fps": 25,                          // frames per second of the loop
 *   "frames": 700,                      // loop length in frames (here 28 s)
 *   "blink_starts": [0.52, 3.87, ...],  // seconds from the loop start, increasing, < frames/fps
 *   "yaw":   [...],                     // degrees, + nose towards image right      (3 decimals)
 *   "pitch": [...],                     // degrees, + nodded down                    (3 decimals)
 *   "roll":  [...],                     // degrees, + clockwise on screen            (3 decimals)
 *   "tx":    [...],                     // face widths, + right                      (4 decimals)
 *   "ty":    [...],                     // face widths, + down                       (4 decimals)
 *   "scale": [...],                     // factor, 1 = the photo's size              (4 decimals)
 *   "brow":  [...]                      // inter-ocular distances, + raised          (4 decimals)
 * }
 * }</pre>
 * Each channel holds exactly {@code frames} values, one per frame, written 25 to a line. The
 * loop wraps seamlessly: the value after the last frame is the first frame's, with no jump in
 * value or velocity, and the blink spacing across the wrap (from the last blink to the first one
 * plus the loop length) is 2–6 s like every other. Values are relative to the source photo, as in
 * {@link org.opentalks.contract.document.HeadPose}; each driver has its own mean pose (it tends to
 * look slightly to one side), which auto-matching uses.
 *
 * <p>The files are generated, not hand-edited: {@code BankGenerator} in this module's tests holds
 * the procedural model and rewrites them, and a test fails if they differ from its output.
 */
package org.opentalks.drivers;
