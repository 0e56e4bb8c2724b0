package org.opentalks.gateway.request;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.UploadUrls;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.UnknownDriverException;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.gateway.service.VoiceDirectory;
import org.opentalks.service.fetch.AddressPolicy;
import org.opentalks.service.fetch.FetchException;
import org.opentalks.speech.InvalidSsmlException;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.SsmlParser;

/**
 * The one validation step of {@code POST /talks}: the request's own constraints (Jakarta Validation
 * on {@link TalkRequest}), then what depends on the caller and the installation: an {@code s3://}
 * URL must name one of the caller's uploads; every http(s) URL (source, audio, logo, webhook,
 * result) must pass the fetcher's address policy (scheme, literal addresses in every spelling,
 * allow-list) now, not fail later; expressions must start in order; an {@code espeak-ng} voice must
 * be installed. All violations are answered together as one ValidationError keyed by request path;
 * a driver that is not in the bank is D-ID's DriverError. The valid request becomes the pipeline's
 * {@link TalkSpec} with every default filled in.
 */
public final class TalkRequestValidator {
    /** D-ID's default voice when no provider is given. */
    static final TalkSpec.Provider DEFAULT_PROVIDER = TalkSpec.Provider.of("microsoft", "en-US-JennyNeural");
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Validator validator;
    private final AddressPolicy policy;
    private final VoiceDirectory voices;
    private final String bucket;

    /**
     * @param policy the fetcher's address policy (its allow-list decides where plain http may go)
     * @param bucket the store's bucket, whose {@code s3://} URLs name uploads
     */
    public TalkRequestValidator(Validator validator, AddressPolicy policy, VoiceDirectory voices, String bucket) {
        this.validator = validator;
        this.policy = policy;
        this.voices = voices;
        this.bucket = bucket;
    }

    /**
     * @param owner the caller: an {@code s3://} URL must name one of this owner's uploads
     * @throws DomainException ValidationError with every violation, or DriverError
     */
    public TalkSpec validate(TalkRequest request, String owner) {
        Violations violations = new Violations();
        for (ConstraintViolation<TalkRequest> violation : validator.validate(request)) {
            violations.add(path(violation.getPropertyPath()), violation.getMessage());
        }
        violations.source("body.source_url", request.sourceUrl(), owner);
        TalkSpec.Script script = script(request.script(), owner, violations);
        TalkSpec.TalkConfig config = config(request.config(), owner, violations);
        String webhook = request.webhook() == null || request.webhook().isEmpty() ? null : request.webhook();
        violations.remote("body.webhook", webhook);
        String resultUrl = request.resultUrl();
        if (resultUrl != null && !UploadUrls.isS3(resultUrl)) {
            // A destination, not a source: any bucket of the client's may be named, but http must be public.
            violations.remote("body.result_url", resultUrl);
        }
        violations.throwIfAny();
        driver(request.driverUrl());
        if (script != null && script.ssml()) {
            ssml(script.input());
        }
        return new TalkSpec(request.sourceUrl(), request.driverUrl(), script, config, face(request.face()), webhook,
                request.userData(), request.name(), resultUrl, bool(request.persist(), false));
    }

    private TalkSpec.Script script(TalkRequest.Script script, String owner, Violations violations) {
        if (script instanceof TalkRequest.AudioScript audio) {
            violations.source("body.script.audio_url", audio.audioUrl(), owner);
            return new TalkSpec.Script(TalkSpec.Script.AUDIO, null, null, false, bool(audio.subtitles(), false),
                    audio.audioUrl(), bool(audio.reduceNoise(), false));
        }
        if (script instanceof TalkRequest.TextScript text) {
            return new TalkSpec.Script(TalkSpec.Script.TEXT, text.input(), provider(text.provider(), violations),
                    bool(text.ssml(), false), bool(text.subtitles(), false), null, false);
        }
        return null; // absent: already a violation
    }

    private TalkSpec.Provider provider(TalkRequest.Provider provider, Violations violations) {
        if (provider == null) {
            return DEFAULT_PROVIDER;
        }
        String voiceId = provider.voiceId();
        String modelId = provider.modelId();
        if (provider instanceof TalkRequest.ElevenLabsProvider) {
            voiceId = voiceId == null ? TalkRequest.ELEVENLABS_VOICE : voiceId;
            modelId = modelId == null ? TalkRequest.ELEVENLABS_MODEL : modelId;
        } else if (provider instanceof TalkRequest.GoogleProvider && voiceId == null) {
            voiceId = TalkRequest.GOOGLE_VOICE;
        }
        if (provider instanceof TalkRequest.MicrosoftProvider microsoft && microsoft.voiceConfig() != null) {
            prosody(microsoft.voiceConfig(), violations);
        }
        String resolved = voices.resolve(provider.type(), voiceId).orElse(null);
        if (resolved == null && voiceId != null && !voiceId.isBlank()) {
            violations.add("body.script.provider.voice_id", "there is no voice '" + voiceId
                    + "' here; GET /tts/voices?provider=" + provider.type() + " lists them");
        }
        return new TalkSpec.Provider(provider.type(), resolved, provider.voiceSettings(), modelId,
                provider.language());
    }

    /** Azure's rate and pitch values, read as the speech service will read them. */
    private static void prosody(TalkRequest.MicrosoftVoiceConfig config, Violations violations) {
        String path = "body.script.provider.voice_config.";
        try {
            if (config.rate() != null) {
                Prosody.rate(config.rate());
            }
        } catch (IllegalArgumentException e) {
            violations.add(path + "rate", e.getMessage());
        }
        try {
            if (config.pitch() != null) {
                Prosody.pitch(config.pitch());
            }
        } catch (IllegalArgumentException e) {
            violations.add(path + "pitch", e.getMessage());
        }
    }

    /** D-ID's answer to SSML it cannot read: 400 BadRequestError "Failed to validate script", with the reason. */
    private static void ssml(String input) {
        try {
            SsmlParser.parse(input);
        } catch (InvalidSsmlException e) {
            throw new DomainException(ErrorKind.BadRequestError, "Failed to validate script",
                    Map.of("body.script.input", Map.of("message", e.getMessage())));
        }
    }

    private TalkSpec.TalkConfig config(TalkRequest.TalkConfig c, String owner, Violations violations) {
        TalkSpec.TalkConfig d = TalkSpec.TalkConfig.DEFAULT;
        if (c == null) {
            return d;
        }
        String format = c.resultFormat() == null ? d.resultFormat()
                : c.resultFormat().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
        return new TalkSpec.TalkConfig(bool(c.stitch(), d.stitch()), format, bool(c.fluent(), d.fluent()),
                number(c.padAudio(), d.padAudio()), logo(c.logo(), owner, violations),
                expressions(c.driverExpressions(), violations), bool(c.alignDriver(), d.alignDriver()),
                number(c.alignExpandFactor(), d.alignExpandFactor()), bool(c.autoMatch(), d.autoMatch()),
                number(c.motionFactor(), d.motionFactor()), number(c.normalizationFactor(), d.normalizationFactor()),
                bool(c.sharpen(), d.sharpen()), bool(c.subtitlesBurn(), false));
    }

    /** {@code logo: true} is the same as no logo; {@code false} turns it off. */
    private TalkSpec.Logo logo(TalkRequest.Logo logo, String owner, Violations violations) {
        if (logo instanceof TalkRequest.LogoSwitch toggle) {
            return toggle.on() ? null : TalkSpec.Logo.NONE;
        }
        if (logo instanceof TalkRequest.LogoOverlay overlay) {
            violations.source("body.config.logo.url", overlay.url(), owner);
            return new TalkSpec.Logo(overlay.url(), overlay.position());
        }
        return null;
    }

    private static TalkSpec.DriverExpressions expressions(TalkRequest.DriverExpressions e, Violations violations) {
        if (e == null || e.expressions() == null) {
            return null;
        }
        List<TalkSpec.Expression> expressions = new ArrayList<>();
        int previousStart = -1;
        for (int i = 0; i < e.expressions().size(); i++) {
            TalkRequest.Expression x = e.expressions().get(i);
            if (x == null || x.startFrame() == null) {
                continue; // already a violation
            }
            if (x.startFrame() <= previousStart) {
                violations.add("body.config.driver_expressions.expressions[" + i + "].start_frame",
                        "must be after the previous expression's");
            }
            previousStart = x.startFrame();
            expressions.add(new TalkSpec.Expression(x.startFrame(), x.expression(), number(x.intensity(), 1)));
        }
        return new TalkSpec.DriverExpressions(expressions,
                e.transitionFrames() == null ? 0 : e.transitionFrames());
    }

    private static TalkSpec.Face face(TalkRequest.Face f) {
        if (f == null) {
            return null;
        }
        TalkRequest.Detection d = f.detection();
        return new TalkSpec.Face(f.size(), f.topLeft(), f.overlap(), f.faceId(), f.detectConfidence(),
                d == null ? null : new TalkSpec.Detection(d.top(), d.left(), d.bottom(), d.right()));
    }

    /**
     * Only the driver bank's motion drives faces here: an unknown bank, driver or variant, or a driver
     * video (D-ID's https or s3 driver), is refused at once with DriverError.
     */
    private static void driver(String driverUrl) {
        if (driverUrl == null) {
            return;
        }
        try {
            DriverRef.parse(driverUrl);
        } catch (UnknownDriverException e) {
            throw new DomainException(ErrorKind.DriverError, e.getMessage(), Map.of("driver_url", driverUrl));
        }
    }

    /**
     * D-ID's request path of a Jakarta Validation property path: {@code body.config.logo.position[0]}. A
     * node's index says where it sits in the list before it (Jakarta Validation's convention), so it is
     * written before the node's own name.
     */
    static String path(Path propertyPath) {
        StringBuilder path = new StringBuilder("body");
        for (Path.Node node : propertyPath) {
            if (node.isInIterable() && node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                path.append('.').append(SNAKE.translate(node.getName()));
            }
        }
        return path.toString();
    }

    private static boolean bool(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static double number(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    /** The violations of one request, the first message per path, answered in path order. */
    private final class Violations {
        private final Map<String, String> messages = new TreeMap<>();

        void add(String path, String message) {
            messages.putIfAbsent(path, message);
        }

        boolean has(String path) {
            return messages.containsKey(path);
        }

        /** A media source: the caller's own upload, or an http(s) URL the fetcher may reach. */
        void source(String path, String url, String owner) {
            if (url == null || has(path)) {
                return;
            }
            if (UploadUrls.isS3(url)) {
                if (UploadUrls.ownKey(url, bucket, owner).isEmpty()) {
                    // The same answer whether or not such an upload exists, so uploads cannot be probed.
                    add(path, "must be an s3 URL of an upload made with this key");
                }
                return;
            }
            remote(path, url);
        }

        /** An http(s) URL: refused now if the fetcher or the notifier would refuse it later. */
        void remote(String path, String url) {
            if (url == null || has(path)) {
                return;
            }
            try {
                policy.checkUrl(url);
            } catch (FetchException e) {
                add(path, e.getMessage());
            }
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw DomainException.validation(messages);
            }
        }
    }
}
