/**
 * The cloud voices D-ID speaks with, over each provider's documented HTTP API (no provider SDKs), as
 * {@link org.opentalks.speech.SpeechEngine}s with timings.
 *
 * <table>
 *   <caption>Providers</caption>
 *   <tr><th>{@code provider.type}</th><th>engine</th><th>timings</th></tr>
 *   <tr><td>{@code microsoft}, {@code azure-openai}</td><td>{@link org.opentalks.speech.cloud.AzureSpeechEngine}</td>
 *       <td>none (REST): visemes from the audio</td></tr>
 *   <tr><td>{@code elevenlabs}</td><td>{@link org.opentalks.speech.cloud.ElevenLabsEngine}</td>
 *       <td>every character: {@code LETTERS} phones, words</td></tr>
 *   <tr><td>{@code amazon}</td><td>{@link org.opentalks.speech.cloud.PollyEngine}</td>
 *       <td>speech marks: {@code POLLY_VISEME} phones, words</td></tr>
 *   <tr><td>{@code google}</td><td>{@link org.opentalks.speech.cloud.GoogleSpeechEngine}</td>
 *       <td>SSML marks: words; visemes from the audio</td></tr>
 * </table>
 *
 * <p>Configuration is plain records ({@link org.opentalks.speech.cloud.CloudSpeechConfig} and one per provider:
 * key or keys, region, an endpoint that replaces the provider's, timeouts), mapped from the service's own
 * configuration. Credentials are {@link org.opentalks.speech.cloud.Secret}s: they print as a placeholder, are cut
 * out of any provider message repeated to the client, and are never logged (the log has one line per request:
 * provider, method, path, status, time).
 *
 * <p>A client's own keys come in D-ID's {@code x-api-key-external} header, read by
 * {@link org.opentalks.speech.cloud.ClientKeys#parse}, and override the operator's for that talk. A talk's script
 * is spoken whole with {@link org.opentalks.speech.cloud.CloudSpeech#speak}: the client's SSML and every
 * {@code voice_config} setting go to the provider as D-ID would send them. Failures are
 * {@link org.opentalks.speech.SpeechException}s whose cause is D-ID's error kind.
 */
package org.opentalks.speech.cloud;
