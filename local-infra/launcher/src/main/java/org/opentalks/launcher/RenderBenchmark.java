package org.opentalks.launcher;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.Expression;
import org.opentalks.drivers.DriverBank;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.SourcePose;
import org.opentalks.media.ContactSheet;
import org.opentalks.reenact.AnimationSettings;
import org.opentalks.reenact.CropExtractor;
import org.opentalks.reenact.OpenCvResampler;
import org.opentalks.reenact.Performance;
import org.opentalks.reenact.SpeechEnergy;
import org.opentalks.reenact.TalkAnimator;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.Speech;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.vision.FaceAnalyzer;

/**
 * The render-only half of {@code ./opentalks bench}: the animation engine alone, in this process,
 * at 512×512 and 25 fps, on the same inputs the services make (espeak-ng speech, our face
 * detector and landmarks, a bank driver). Measures frames per second on one thread and on two
 * (the machine's cores, one animator each), and writes a contact sheet of frames from a few talks,
 * each captioned with its viseme or expression, and a sheet of close-ups of the widest-open mouths
 * and closed eyes at twice their size ({@link CloseUpSheet}), so a person can look at the result.
 */
final class RenderBenchmark {
    static final int SIZE = 512;
    static final double FPS = 25;
    private static final int ROUNDS = 3;
    private static final int SHEET_COLUMNS = 8;
    private static final int THUMB = 200;

    /** One talk as the pipeline would render it. */
    private record Talk(String name, byte[] crop, List<Point> landmarks, Performance performance, int frames) {
    }

    static void run(Path root) throws Exception {
        Talks inputs = talks(root);
        List<Talk> talks = inputs.timed();
        for (int t = 0; t < talks.size(); t++) {
            Talk talk = talks.get(t);
            System.out.printf("talk %d: %s, %s, %.2f s, %d frames%n", t + 1, talk.name(),
                    talk.performance().driver().driverUrl(), talk.frames() / FPS, talk.frames());
        }
        speed(talks);
        Path sheet = root.resolve(".opentalks/bench/contact-sheet.png");
        writeSheet(talks, sheet);
        System.out.println("contact sheet: " + sheet);
        Path closeUps = root.resolve(".opentalks/bench/close-ups.png");
        writeCloseUps(root, inputs.closeUps(), closeUps);
        System.out.println("close-ups (mouths and closed eyes at 2×): " + closeUps);
    }

    /**
     * Only the engine's speed, on the same talks: what {@code ./opentalks bench} runs once with this
     * engine and once with the engine before issue 11, in turn, to compare them on one machine.
     */
    static void speedOnly(Path root) throws Exception {
        speed(talks(root).timed());
    }

    private static void speed(List<Talk> talks) throws Exception {
        Talk first = talks.get(0);
        double oneThread = throughput(List.of(first));
        double twoThreads = throughput(List.of(first, talks.get(1)));
        System.out.printf("%nrender-only (animation engine, %d×%d, default settings, OpenCV remap):%n", SIZE, SIZE);
        System.out.printf("  one thread:  %.0f frames/s%n", oneThread);
        System.out.printf("  two threads: %.0f frames/s (one animator per core)%n", twoThreads);
    }

    /** The timed talks, and both portraits with D-ID's default settings for the close-ups. */
    private record Talks(List<Talk> timed, List<Talk> closeUps) {
    }

    private static Talks talks(Path root) throws Exception {
        Path samples = root.resolve(".opentalks/samples");
        List<Talk> talks = new ArrayList<>();
        List<Talk> closeUps = new ArrayList<>();
        DriverBank bank = DriverBank.load();
        try (FaceAnalyzer analyzer = analyzer(root); EspeakSynthesizer espeak = new EspeakSynthesizer()) {
            Speech speech = espeak.synthesize(Benchmark.TEN_SECONDS, "en-us");
            VisemeTrack visemes = new VisemeMapper().track(speech);
            int frames = (int) Math.ceil(speech.durationSeconds() * FPS - 1e-9);
            float[] energy = SpeechEnergy.envelope(speech.samples(), speech.sampleRate(), FPS, frames);
            talks.add(talk("astronaut, neutral", samples.resolve("astronaut.png"), analyzer, bank, visemes, energy,
                    frames, "bank://lively", AnimationSettings.DEFAULT));
            DriverExpressions moods = new DriverExpressions(List.of(new Expression(0, "happy", 1.0),
                    new Expression(frames / 3, "surprise", 1.0), new Expression(2 * frames / 3, "serious", 1.0)), 12);
            talks.add(talk("grace_hopper, expressions", samples.resolve("grace_hopper.jpg"), analyzer, bank, visemes,
                    energy, frames, "bank://natural", AnimationSettings.DEFAULT.withExpressions(moods)));
            talks.add(talk("astronaut, happy 0.5, still", samples.resolve("astronaut.png"), analyzer, bank, visemes,
                    energy, frames, "bank://subtle", AnimationSettings.DEFAULT.withMotionFactor(0).withExpressions(
                            new DriverExpressions(List.of(new Expression(0, "happy", 0.5)), 0))));
            for (String photo : List.of("astronaut.png", "grace_hopper.jpg")) {
                closeUps.add(talk(photo, samples.resolve(photo), analyzer, bank, visemes, energy, frames,
                        "bank://lively", AnimationSettings.DEFAULT));
            }
        }
        return new Talks(talks, closeUps);
    }

    private static FaceAnalyzer analyzer(Path root) throws IOException {
        return FaceAnalyzer.load(root.resolve(".opentalks/models/blazeface"),
                Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat"));
    }

    /** Both sample portraits speaking the benchmark's script with D-ID's default settings, seen up close. */
    private static void writeCloseUps(Path root, List<Talk> talks, Path file) throws Exception {
        List<CloseUpSheet.Subject> subjects = new ArrayList<>();
        for (Talk talk : talks) {
            subjects.add(new CloseUpSheet.Subject(talk.name(), talk.crop(), talk.landmarks(), talk.performance(),
                    talk.frames()));
        }
        try (FaceAnalyzer analyzer = analyzer(root)) {
            CloseUpSheet.write(subjects, analyzer, file);
        }
    }

    private static Talk talk(String name, Path photoFile, FaceAnalyzer analyzer, DriverBank bank,
                             VisemeTrack visemes, float[] energy, int frames, String driverUrl,
                             AnimationSettings settings) throws IOException {
        BufferedImage photo = ImageIO.read(photoFile.toFile());
        if (photo == null) {
            throw new IOException(photoFile + " is missing or unreadable: run ./opentalks setup");
        }
        BufferedImage bgr = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(photo, 0, 0, null);
        FaceDocument face = analyzer.analyze(bgr).orElseThrow(() -> new IOException("no face in " + photoFile));
        DriverTrack driver = bank.track(DriverRef.parse(driverUrl), true,
                SourcePose.estimate(face.landmarks()), visemes, visemes.durationSeconds(), FPS, name.hashCode());
        return new Talk(name, CropExtractor.extract(bgr, face.crop(), SIZE),
                CropExtractor.toCrop(face.landmarks(), face.crop(), SIZE),
                new Performance(visemes, energy, driver, settings), frames);
    }

    /** Frames per second over all threads, one talk per thread, each rendered {@link #ROUNDS} times after a warm-up. */
    private static double throughput(List<Talk> perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perThread.size());
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (Talk talk : perThread) {
                done.add(pool.submit(() -> {
                    try (OpenCvResampler resampler = new OpenCvResampler()) {
                        TalkAnimator animator = new TalkAnimator(resampler);
                        render(animator, talk);
                        long start = System.nanoTime();
                        for (int r = 0; r < ROUNDS; r++) {
                            render(animator, talk);
                        }
                        return System.nanoTime() - start;
                    }
                }));
            }
            double frames = 0;
            long slowest = 0;
            for (int i = 0; i < done.size(); i++) {
                slowest = Math.max(slowest, done.get(i).get());
                frames += (double) ROUNDS * perThread.get(i).frames();
            }
            return frames / (slowest / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static void render(TalkAnimator animator, Talk talk) throws IOException {
        animator.animate(talk.crop(), SIZE, talk.landmarks(), talk.performance(), FPS, talk.frames(), (i, bgr) -> {
        });
    }

    /**
     * Two rows per talk: frames spread over the talk, each captioned "talk·frame viseme expression"
     * (the talks are listed on the console).
     */
    private static void writeSheet(List<Talk> talks, Path file) throws IOException {
        ContactSheet sheet = new ContactSheet(SHEET_COLUMNS, THUMB);
        try (OpenCvResampler resampler = new OpenCvResampler()) {
            TalkAnimator animator = new TalkAnimator(resampler);
            for (int t = 0; t < talks.size(); t++) {
                Talk talk = talks.get(t);
                int shots = 2 * SHEET_COLUMNS;
                List<Integer> picks = new ArrayList<>();
                for (int k = 0; k < shots; k++) {
                    picks.add((int) Math.round((k + 0.5) * talk.frames() / shots));
                }
                int number = t + 1;
                animator.animate(talk.crop(), SIZE, talk.landmarks(), talk.performance(), FPS, talk.frames(),
                        (i, bgr) -> {
                            if (picks.contains(i)) {
                                sheet.add(bgr, SIZE, SIZE, caption(number, talk, i));
                            }
                        });
            }
        }
        Files.createDirectories(file.getParent());
        sheet.writePng(file);
    }

    private static String caption(int number, Talk talk, int frame) {
        String viseme = talk.performance().visemes().at(frame / FPS).name();
        DriverExpressions moods = talk.performance().settings().expressions();
        String mood = "";
        if (moods != null) {
            for (Expression e : moods.expressions()) {
                if (e.startFrame() <= frame) {
                    mood = " · " + e.expression() + (e.intensity() < 1 ? " " + e.intensity() : "");
                }
            }
        }
        return number + "·" + frame + " " + viseme + mood;
    }

    private RenderBenchmark() {
    }
}
