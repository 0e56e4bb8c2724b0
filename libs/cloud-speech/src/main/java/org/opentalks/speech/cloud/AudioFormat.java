package org.opentalks.speech.cloud;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a provider's output format name means for decoding: 16-bit PCM in a WAV file, bare 16-bit
 * little-endian PCM, or a compressed file that {@link org.opentalks.media.AudioDecoder} reads.
 *
 * @param sampleRate the PCM's rate; for compressed audio, the rate it is decoded to
 * @param extension  the file name extension FFmpeg is given for compressed audio
 */
record AudioFormat(Kind kind, int sampleRate, String extension) {
    enum Kind { WAV, RAW_PCM, COMPRESSED }

    /** Below this the mouth-shape analysis cannot see frication (AudioVisemes.MIN_SAMPLE_RATE). */
    static final int MIN_PCM_RATE = 16_000;
    static final int DECODED_RATE = org.opentalks.media.AudioDecoder.SAMPLE_RATE;

    private static final Pattern AZURE = Pattern.compile("(riff|raw)-(\\d+)(khz|hz)-16bit-mono-pcm");
    private static final Pattern AZURE_COMPRESSED = Pattern.compile("(audio|ogg|webm)-\\d+(khz|hz)-.*-(mp3|opus)");
    private static final Pattern ELEVEN_PCM = Pattern.compile("pcm_(\\d+)");
    private static final Pattern ELEVEN_MP3 = Pattern.compile("mp3_\\d+_\\d+");

    /**
     * An Azure Speech {@code X-Microsoft-OutputFormat}: {@code riff-…-16bit-mono-pcm}, {@code raw-…-16bit-mono-pcm},
     * or an MP3, Ogg or WebM format.
     *
     * @throws IllegalArgumentException for other formats (μ-law, a-law, SILK, AMR) or PCM under 16 kHz
     */
    static AudioFormat azure(String name) {
        Matcher pcm = AZURE.matcher(name);
        if (pcm.matches()) {
            int rate = Integer.parseInt(pcm.group(2)) * (pcm.group(3).equals("khz") ? 1000 : 1);
            return pcm(pcm.group(1).equals("riff") ? Kind.WAV : Kind.RAW_PCM, rate, name);
        }
        Matcher compressed = AZURE_COMPRESSED.matcher(name);
        if (compressed.matches()) {
            String container = compressed.group(1);
            return new AudioFormat(Kind.COMPRESSED, DECODED_RATE, container.equals("audio") ? "mp3" : container);
        }
        throw new IllegalArgumentException("the Azure output format " + name + " is not one OpenTalks decodes: use a "
                + "riff-…-16bit-mono-pcm, raw-…-16bit-mono-pcm, MP3, Ogg or WebM format, such as "
                + AzureSpeechConfig.DEFAULT_OUTPUT_FORMAT);
    }

    /**
     * An ElevenLabs {@code output_format}: {@code pcm_<rate>} or {@code mp3_<rate>_<kbps>}.
     *
     * @throws IllegalArgumentException for other formats (μ-law, a-law, Opus) or PCM under 16 kHz
     */
    static AudioFormat elevenLabs(String name) {
        Matcher pcm = ELEVEN_PCM.matcher(name);
        if (pcm.matches()) {
            return pcm(Kind.RAW_PCM, Integer.parseInt(pcm.group(1)), name);
        }
        if (ELEVEN_MP3.matcher(name).matches()) {
            return new AudioFormat(Kind.COMPRESSED, DECODED_RATE, "mp3");
        }
        throw new IllegalArgumentException("the ElevenLabs output format " + name + " is not one OpenTalks decodes: "
                + "use pcm_<rate> (16000 or more) or mp3_<rate>_<kbps>, e.g. pcm_16000");
    }

    private static AudioFormat pcm(Kind kind, int rate, String name) {
        if (rate < MIN_PCM_RATE) {
            throw new IllegalArgumentException("the output format " + name + " is sampled at " + rate
                    + " Hz: mouth shapes need " + MIN_PCM_RATE + " Hz or more");
        }
        return new AudioFormat(kind, rate, null);
    }
}
