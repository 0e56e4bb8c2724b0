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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.service.fetch.FetchConfig;
import org.opentalks.service.fetch.FetchSettings;
import org.opentalks.service.fetch.ImageLimits;
import org.opentalks.service.fetch.MediaFormat;
import org.opentalks.store.ObjectStore;

/**
 * D-ID's /images: stores a JPEG or PNG and returns an {@code s3://} URL usable as source_url; deletes
 * it again. The image comes as the multipart field {@code image} (as D-ID documents) or as the whole
 * body (as some clients send it); either way its bytes decide its type, whatever the client declared
 * ({@code application/octet-stream}, {@code image/<ext>}). It is refused at once, not later in the
 * pipeline, when its header declares more pixels than the fetcher's limits allow (a decompression
 * bomb) or when a decoder cannot read it.
 */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {
    private static final String[] SUPPORTED = {"image/jpeg", "image/png"};
    /** The decode check keeps one pixel in this many along each side: it reads everything, stores little. */
    private static final int CHECK_SUBSAMPLING = 8;

    @Inject
    Caller caller;

    @Inject
    ObjectStore store;

    @Inject
    ApiConfig config;

    @Inject
    FetchConfig fetch;

    @Inject
    Uploads uploads;

    public record Uploaded(String id, String url) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("image") FileUpload image) {
        if (image == null) {
            throw DomainException.validation("body.image", "'image' is required (multipart field 'image')");
        }
        checkSize(image.size());
        try {
            return store(Files.readAllBytes(image.uploadedFile()), image.contentType(), image.fileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image as the request body, its name (if any) from {@code Content-Disposition: …; filename=…}. */
    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    public Response uploadBody(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam("Content-Disposition") String disposition) {
        if (body == null || body.length == 0) {
            throw DomainException.validation("body", "the image is empty");
        }
        checkSize(body.length);
        return store(body, contentType, Uploads.dispositionFileName(disposition));
    }

    private void checkSize(long bytes) {
        if (bytes > config.maxImageBytes()) {
            throw new DomainException(ErrorKind.InvalidFileSizeError,
                    "the image is larger than " + config.maxImageBytes() / (1024 * 1024) + " MB");
        }
    }

    private Response store(byte[] bytes, String declaredType, String offeredName) {
        MediaFormat format = MediaFormat.sniff(bytes)
                .filter(f -> f == MediaFormat.PNG || f == MediaFormat.JPEG)
                .orElseThrow(() -> DomainException.unsupportedType(declaredType, SUPPORTED));
        ImageLimits limits = ImageLimits.of(FetchSettings.from(fetch));
        limits.refusal(bytes, format).ifPresent(why -> {
            throw new DomainException(limits.tooLarge(bytes, format) ? ErrorKind.InvalidImageResolutionError
                    : ErrorKind.BadRequestError, "invalid image: the image " + why);
        });
        checkDecodes(bytes);
        String id = TalkIds.imageId();
        String key = ObjectKeys.upload(caller.owner(), id, fileName(offeredName, format));
        store.put(key, bytes, format.mediaType());
        return Response.status(201).entity(new Uploaded(id, store.s3Url(key))).build();
    }

    /**
     * Decodes the image as the pipeline will (ImageIO), keeping only every 8th pixel of every 8th row,
     * so a 40-megapixel upload costs well under a megabyte while every byte of it is still read.
     */
    private static void checkDecodes(byte[] bytes) {
        BufferedImage decoded = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    ImageReadParam param = reader.getDefaultReadParam();
                    param.setSourceSubsampling(CHECK_SUBSAMPLING, CHECK_SUBSAMPLING, 0, 0);
                    decoded = reader.read(0, param);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            decoded = null;
        }
        if (decoded == null) {
            throw new DomainException(ErrorKind.BadRequestError,
                    "invalid image: it could not be decoded (truncated or damaged?)");
        }
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!TalkIds.isWellFormed(id) || !id.startsWith("img_") || !uploads.delete(caller.owner(), id)) {
            throw DomainException.notFound("image");
        }
        return Response.noContent().build();
    }

    static String fileName(String offered, MediaFormat format) {
        return Uploads.fileName(offered, "image", format == MediaFormat.PNG ? ".png" : ".jpg");
    }
}
