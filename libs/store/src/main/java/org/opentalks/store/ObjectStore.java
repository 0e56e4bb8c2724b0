package org.opentalks.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opentalks.contract.json.Json;

/**
 * The object store, spoken to only through the MinIO SDK, so the same code path runs against MinIO,
 * S3Proxy and AWS S3. Objects are written whole (a single PUT), so a reader never sees half an
 * object.
 */
public final class ObjectStore implements AutoCloseable {
    private final MinioClient client;
    private final MinioClient presigner;
    private final String bucket;

    public ObjectStore(StoreSettings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        this.presigner = settings.publicEndpoint() == null || settings.publicEndpoint().equals(settings.endpoint())
                ? client
                : MinioClient.builder()
                        .endpoint(settings.publicEndpoint())
                        .credentials(settings.accessKey(), settings.secretKey())
                        .region(settings.region())
                        .build();
        this.bucket = settings.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** The {@code s3://bucket/key} URL clients may pass back as {@code source_url}. */
    public String s3Url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    public void ensureBucket() {
        call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        }, "create bucket " + bucket);
    }

    public void put(String key, byte[] bytes, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(contentType).build()), "put " + key);
    }

    public void putFile(String key, Path file, String contentType) {
        call(() -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                .filename(file.toString()).contentType(contentType).build()), "upload " + key);
    }

    public void putJson(String key, Object document) {
        put(key, Json.write(document), "application/json");
    }

    public byte[] get(String key) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        }, "get " + key);
    }

    public <T> T getJson(String key, Class<T> type) {
        return Json.read(get(key), type);
    }

    /** The object, or empty when no object has that key. */
    public Optional<byte[]> find(String key) {
        try {
            return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())
                    .readAllBytes());
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw new StoreException("get " + key, e);
        } catch (Exception e) {
            throw new StoreException("get " + key, e);
        }
    }

    /** Downloads to {@code target}, replacing it. */
    public void download(String key, Path target) {
        call(() -> {
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".download", ".part");
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return null;
        }, "download " + key);
    }

    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw new StoreException("stat " + key, e);
        } catch (Exception e) {
            throw new StoreException("stat " + key, e);
        }
    }

    public long size(String key) {
        return call(() -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size(),
                "stat " + key);
    }

    /** Keys under {@code prefix}, in the store's (lexicographic) order. */
    public List<String> list(String prefix) {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            return keys;
        }, "list " + prefix);
    }

    /** Up to {@code max} keys under {@code prefix} in byte order, starting after {@code startAfter} (null: from the first). */
    public List<String> listAfter(String prefix, String startAfter, int max) {
        return call(() -> {
            ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true)
                    .maxKeys(Math.min(max, 1000));
            if (startAfter != null) {
                args.startAfter(startAfter);
            }
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(args.build())) {
                keys.add(r.get().objectName());
                if (keys.size() == max) {
                    break;
                }
            }
            return keys;
        }, "list " + prefix);
    }

    public void delete(String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        }, "delete " + key);
    }

    /** A time-limited http(s) URL for downloading the object, signed for the public endpoint. */
    public String presignedGet(String key, Duration validity) {
        return call(() -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(bucket).object(key)
                .expiry((int) Math.min(validity.toSeconds(), Duration.ofDays(7).toSeconds())).build()),
                "presign " + key);
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code);
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(StoreCall<T> call, String what) {
        try {
            return call.run();
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(what, e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (presigner != client) {
            presigner.close();
        }
    }
}
