package org.opentalks.tts.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.opentalks.speech.cloud.AwsCredentials;
import org.opentalks.speech.cloud.AzureSpeechConfig;
import org.opentalks.speech.cloud.CloudSpeech;
import org.opentalks.speech.cloud.CloudSpeechConfig;
import org.opentalks.speech.cloud.ElevenLabsConfig;
import org.opentalks.speech.cloud.GoogleCredentials;
import org.opentalks.speech.cloud.GoogleTtsConfig;
import org.opentalks.speech.cloud.PollyConfig;
import org.opentalks.speech.cloud.Secret;
import org.opentalks.transcribe.Transcribers;

/** The cloud providers as configured, and the speech recogniser. */
@ApplicationScoped
public class SpeechProducers {

    @Produces
    @Singleton
    CloudSpeech cloudSpeech(TtsConfig config) {
        TtsConfig.Microsoft ms = config.microsoft();
        TtsConfig.ElevenLabs eleven = config.elevenlabs();
        TtsConfig.Amazon amazon = config.amazon();
        TtsConfig.Google google = config.google();
        AwsCredentials aws = AwsCredentials.of(amazon.accessKeyId().orElse(null),
                amazon.secretAccessKey().orElse(null), null);
        GoogleCredentials googleCredentials = GoogleCredentials.of(google.apiKey().orElse(null),
                google.accessToken().orElse(null));
        return new CloudSpeech(new CloudSpeechConfig(
                new AzureSpeechConfig(ms.key().map(Secret::of).orElse(null), ms.region(), ms.endpoint().orElse(null),
                        null, ms.timeout()),
                new ElevenLabsConfig(eleven.key().map(Secret::of).orElse(null), eleven.endpoint().orElse(null), null,
                        null, eleven.timeout()),
                new PollyConfig(aws, amazon.region(), amazon.endpoint().orElse(null), amazon.engine(),
                        amazon.timeout()),
                new GoogleTtsConfig(googleCredentials, google.endpoint().orElse(null), 0, google.timeout()),
                config.connectTimeout()));
    }

    @Produces
    @Singleton
    Transcribers transcribers(TtsConfig config) {
        return new Transcribers(config.modelCache());
    }

    void close(@Disposes Transcribers transcribers) {
        transcribers.close();
    }
}
