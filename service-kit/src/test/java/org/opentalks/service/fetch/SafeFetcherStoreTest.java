package org.opentalks.service.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.infra.InfraPaths;
import org.opentalks.infra.LocalInfra;
import org.opentalks.infra.S3ProxyServer;
import org.opentalks.service.fetch.FetchException.Reason;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreSettings;

/** s3:// sources against a real S3 server (the local infrastructure's S3Proxy). */
@Tag("it")
class SafeFetcherStoreTest {
    private static final String BUCKET = "opentalks";
    private static final byte[] PNG = TestMedia.png(32, 32);
    private static final byte[] WAV = TestMedia.wav();

    private static S3ProxyServer s3;
    private static ObjectStore store;
    private static SafeFetcher fetcher;
    private static String alicePhoto;

    @BeforeAll
    static void start() throws IOException {
        Path runtime = InfraPaths.runtimeDir(); // fails with "build first" when the runtime jars are missing
        Path data = Files.createTempDirectory(Path.of("target"), "fetch-s3-");
        s3 = S3ProxyServer.start(InfraPaths.s3proxyJar(runtime), data, 0, LocalInfra.ACCESS_KEY,
                LocalInfra.SECRET_KEY, runtime.toAbsolutePath().resolveSibling("cds"));
        store = new ObjectStore(new StoreSettings(s3.endpoint(), s3.endpoint(), LocalInfra.ACCESS_KEY,
                LocalInfra.SECRET_KEY, BUCKET, LocalInfra.REGION));
        store.ensureBucket();
        alicePhoto = ObjectKeys.upload("alice", "u1", "photo.png");
        store.put(alicePhoto, PNG, "image/png");
        store.put(ObjectKeys.upload("alice", "u2", "speech.wav"), WAV, "audio/wav");
        store.put(ObjectKeys.upload("alice", "u3", "anim.png"), TestMedia.gif(8, 8), "image/png");
        store.put(ObjectKeys.upload("bob", "u4", "photo.png"), PNG, "image/png");
        fetcher = new SafeFetcher(FetchSettings.defaults(), store);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fetcher != null) {
            fetcher.close();
        }
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void fetchesTheOwnersOwnUploads() {
        List<String> before = store.list("");
        Fetched photo = fetcher.fetch(store.s3Url(alicePhoto), "alice", FetchKind.IMAGE);
        assertArrayEquals(PNG, photo.bytes());
        assertEquals("image/png", photo.mediaType());
        Fetched speech = fetcher.fetch("s3://opentalks/uploads/alice/u2/speech.wav", "alice", FetchKind.AUDIO);
        assertArrayEquals(WAV, speech.bytes());
        assertEquals("wav", speech.extension());
        assertEquals(before, store.list(""), "fetching writes nothing to the store");
    }

    @Test
    void anotherOwnersUploadIsIndistinguishableFromAMissingOne() {
        String bobs = "s3://opentalks/uploads/bob/u4/photo.png";
        String missing = "s3://opentalks/uploads/alice/u9/photo.png";
        FetchException other = assertThrows(FetchException.class, () -> fetcher.fetch(bobs, "alice", FetchKind.IMAGE));
        FetchException none = assertThrows(FetchException.class,
                () -> fetcher.fetch(missing, "alice", FetchKind.IMAGE));
        assertEquals(Reason.NOT_FOUND, other.reason());
        assertEquals(Reason.NOT_FOUND, none.reason());
        assertEquals(none.getMessage().replace(missing, "URL"), other.getMessage().replace(bobs, "URL"));
        assertFalse(other.getMessage().contains("owner"), other.getMessage());
        assertArrayEquals(PNG, fetcher.fetch(bobs, "bob", FetchKind.IMAGE).bytes());
    }

    @Test
    void refusesKeysThatLeaveTheOwnersUploads() {
        for (String url : List.of(
                "s3://opentalks/uploads/bob/../alice/u1/photo.png",
                "s3://opentalks/uploads/bob/%2e%2e/alice/u1/photo.png",
                "s3://opentalks/uploads/bob//u4/photo.png",
                "s3://opentalks/uploads/alice/u1/photo.png?versionId=1",
                "s3://other-bucket/uploads/alice/u1/photo.png",
                "s3://opentalks/work/t1/source.png",
                "s3://opentalks/uploads/alice/")) {
            String owner = url.contains("/bob/") ? "bob" : "alice";
            FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(url, owner, FetchKind.IMAGE),
                    url);
            assertEquals(Reason.NOT_FOUND, e.reason(), url);
        }
        FetchException noOwner = assertThrows(FetchException.class,
                () -> fetcher.fetch(store.s3Url(alicePhoto), "", FetchKind.IMAGE));
        assertEquals(Reason.NOT_FOUND, noOwner.reason());
    }

    @Test
    void checksSizeAndTypeOfStoredUploadsToo() {
        FetchException gif = assertThrows(FetchException.class,
                () -> fetcher.fetch("s3://opentalks/uploads/alice/u3/anim.png", "alice", FetchKind.IMAGE));
        assertEquals(Reason.WRONG_TYPE, gif.reason());
        FetchException big = assertThrows(FetchException.class,
                () -> fetcher.fetch(store.s3Url(alicePhoto), "alice", FetchKind.IMAGE, PNG.length - 1));
        assertEquals(Reason.TOO_LARGE, big.reason());
        FetchException audio = assertThrows(FetchException.class,
                () -> fetcher.fetch(store.s3Url(alicePhoto), "alice", FetchKind.AUDIO));
        assertEquals(Reason.WRONG_TYPE, audio.reason());
    }

    @Test
    void aFetcherWithoutAStoreRefusesS3Urls() {
        try (SafeFetcher httpOnly = new SafeFetcher(FetchSettings.defaults(), null)) {
            FetchException e = assertThrows(FetchException.class,
                    () -> httpOnly.fetch(store.s3Url(alicePhoto), "alice", FetchKind.IMAGE));
            assertEquals(Reason.SCHEME_NOT_ALLOWED, e.reason());
        }
    }
}
