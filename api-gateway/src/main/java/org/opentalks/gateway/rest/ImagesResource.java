package org.opentalks.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.config.ApiConfig;

/** D-ID's /images: stores a jpeg or png and returns an s3:// URL usable as source_url; deletes it again. */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {
    private static final String[] SUPPORTED = {"image/jpeg", "image/png"};

    @Inject
    Caller caller;

    @Inject
    ObjectStore store;

    @Inject
    ApiConfig config;

    @Inject
    Uploads uploads;

    public record Uploaded(String id, String url) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("image") FileUpload image) {
        if (image == null) {
            throw ApiException.validation("body.image", "'image' is required (multipart field 'image')");
        }
        if (image.size() > config.maxImageBytes()) {
            throw new ApiException(400, "InvalidFileSizeError",
                    "the image is larger than " + config.maxImageBytes() / (1024 * 1024) + " MB");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The content decides, not the client's Content-Type header.
        String type = sniff(bytes);
        if (type == null) {
            throw ApiException.unsupportedType(image.contentType(), SUPPORTED);
        }
        String id = TalkIds.imageId();
        String key = ObjectKeys.upload(caller.owner(), id, fileName(image.fileName(), type));
        store.put(key, bytes, type);
        return Response.status(201).entity(new Uploaded(id, store.s3Url(key))).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!TalkIds.isWellFormed(id) || !id.startsWith("img_") || !uploads.delete(caller.owner(), id)) {
            throw ApiException.notFound("image");
        }
        return Response.noContent().build();
    }

    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }

    static String fileName(String offered, String type) {
        return Uploads.fileName(offered, "image", type.equals("image/png") ? ".png" : ".jpg");
    }
}
