package org.opentalks.speech.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentalks.media.AudioDecoder;
import org.opentalks.media.MediaException;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.WavFile;

/** A provider's audio, as whatever format it came in, to 16-bit mono PCM. */
final class ProviderAudio {
    /** Longer than any talk's speech (D-ID allows 10 minutes of audio): a bound for decoding compressed answers. */
    static final double MAX_SECONDS = 1800;

    private ProviderAudio() {
    }

    static Pcm decode(byte[] audio, AudioFormat format, String provider) {
        return switch (format.kind()) {
            case WAV -> wav(audio, provider);
            case RAW_PCM -> rawPcm(audio, format.sampleRate());
            case COMPRESSED -> compressed(audio, format.extension(), provider);
        };
    }

    /** Bare signed 16-bit little-endian mono samples (Polly's {@code pcm}, ElevenLabs' {@code pcm_16000}). */
    static Pcm rawPcm(byte[] audio, int sampleRate) {
        short[] samples = new short[audio.length / 2];
        ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Pcm(samples, sampleRate);
    }

    static Pcm wav(byte[] audio, String provider) {
        try {
            return WavFile.decode(audio);
        } catch (IllegalArgumentException e) {
            throw new SpeechException(SpeechException.Cause.PROVIDER, provider + " answered with audio that cannot be"
                    + " read (" + e.getMessage() + "); try again later.");
        }
    }

    /** MP3, Ogg or WebM, decoded by FFmpeg to its {@value AudioDecoder#SAMPLE_RATE} Hz. */
    static Pcm compressed(byte[] audio, String extension, String provider) {
        Path file = null;
        try {
            file = Files.createTempFile("opentalks-cloud-", "." + extension);
            Files.write(file, audio);
            return new Pcm(AudioDecoder.decode(file, MAX_SECONDS), AudioDecoder.SAMPLE_RATE);
        } catch (MediaException e) {
            throw new SpeechException(SpeechException.Cause.PROVIDER, provider + " answered with " + extension
                    + " audio that cannot be decoded; try again later.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("a temporary file for " + provider + "'s audio", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // The temporary directory is cleaned eventually; nothing secret is in the file.
                }
            }
        }
    }
}
