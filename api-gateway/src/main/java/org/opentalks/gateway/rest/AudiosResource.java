package org.opentalks.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.media.AudioDecoder;
import org.opentalks.media.UnusableMediaException;
import org.opentalks.service.fetch.MediaFormat;
import org.opentalks.store.ObjectStore;

/**
 * D-ID's /audios: an uploaded audio or video file is re-encoded to a 16 kHz mono WAV and stored; its
 * {@code s3://} URL is usable as a talk's {@code script.audio_url}. The file comes as the multipart field
 * {@code audio} (as D-ID documents) or as the whole body; its bytes decide whether it is audio, whatever
 * the client declared.
 */
@Path("/audios")
@Produces(MediaType.APPLICATION_JSON)
public class AudiosResource {
    private static final String[] SUPPORTED = {"audio/*", "video/*"};

    @Inject
    Caller caller;

    @Inject
    ObjectStore store;

    @Inject
    ApiConfig config;

    @Inject
    Uploads uploads;

    /** D-ID's upload answer; {@code duration} in seconds. */
    public record Uploaded(String id, String url, double duration) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("audio") FileUpload audio) {
        if (audio == null) {
            throw DomainException.validation("body.audio", "'audio' is required (multipart field 'audio')");
        }
        return store(audio.uploadedFile(), audio.size(), audio.contentType(), audio.fileName());
    }

    /** The recording as the request body, its name (if any) from {@code Content-Disposition: …; filename=…}. */
    @POST
    @Consumes({"audio/*", "video/*", MediaType.APPLICATION_OCTET_STREAM})
    public Response uploadBody(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam("Content-Disposition") String disposition) {
        if (body == null || body.length == 0) {
            throw DomainException.validation("body", "the audio is empty");
        }
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("opentalks-upload", ".bin");
            Files.write(file, body);
            return store(file, body.length, contentType, Uploads.dispositionFileName(disposition));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private Response store(java.nio.file.Path upload, long size, String declaredType, String offeredName) {
        if (size > config.maxAudioBytes()) {
            throw new DomainException(ErrorKind.InvalidFileSizeError,
                    "the audio is larger than " + config.maxAudioBytes() / (1024 * 1024) + " MB");
        }
        // The content decides, not the client's Content-Type header.
        if (!audioOrVideo(head(upload))) {
            throw DomainException.unsupportedType(declaredType, SUPPORTED);
        }
        java.nio.file.Path wav = null;
        try {
            wav = Files.createTempFile("opentalks-audio", ".wav");
            double duration = AudioDecoder.decodeToWav(upload, wav, config.maxAudioDuration().toMillis() / 1000.0);
            String id = TalkIds.audioId();
            String key = ObjectKeys.upload(caller.owner(), id, Uploads.fileName(offeredName, "audio", ".wav"));
            store.putFile(key, wav, "audio/wav");
            return Response.status(201).entity(new Uploaded(id, store.s3Url(key),
                    Math.round(duration * 1000) / 1000.0)).build();
        } catch (UnusableMediaException e) {
            boolean tooLong = e.reason() == UnusableMediaException.Reason.TOO_LONG;
            throw new DomainException(tooLong ? ErrorKind.InvalidAudioDurationError : ErrorKind.BadRequestError,
                    tooLong ? e.getMessage() : "invalid audio: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (wav != null) {
                wav.toFile().delete();
            }
        }
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!TalkIds.isWellFormedAudio(id) || !uploads.delete(caller.owner(), id)) {
            throw DomainException.notFound("audio");
        }
        return Response.noContent().build();
    }

    /** By magic bytes: the fetcher's audio and video formats, or Matroska/WebM (EBML header). */
    static boolean audioOrVideo(byte[] head) {
        boolean ebml = head.length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45
                && (head[2] & 0xff) == 0xdf && (head[3] & 0xff) == 0xa3;
        return ebml || MediaFormat.sniff(head).filter(f -> f.mediaType().startsWith("audio/")).isPresent();
    }

    private static byte[] head(java.nio.file.Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
