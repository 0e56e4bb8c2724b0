package org.opentalks.service.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentalks.service.fetch.FetchException.Reason;

/** Which URLs and addresses the policy refuses; none of these needs the network. */
class AddressPolicyTest {
    /** As the tests and local runs configure it: the local server's host may be fetched over http. */
    private static final SafeFetcher FETCHER =
            new SafeFetcher(FetchSettings.defaults().withAllowHttpHosts(List.of("127.0.0.1")), null);

    @AfterAll
    static void close() {
        FETCHER.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // loopback, v4 and v6
        "https://127.0.0.1/a.png", "https://127.8.9.10/a.png", "https://[::1]/a.png",
        // private and shared ranges
        "https://10.0.0.1/a.png", "https://172.16.5.4/a.png", "https://172.31.255.255/a.png",
        "https://192.168.1.1/a.png", "https://100.64.0.1/a.png",
        // link-local and cloud metadata
        "https://169.254.10.10/a.png", "https://[fe80::1]/a.png", "https://169.254.169.254/latest/meta-data/",
        "https://[fd00:ec2::254]/latest/meta-data/", "https://metadata.google.internal/computeMetadata/v1/",
        "https://metadata/computeMetadata/v1/", "https://METADATA.Google.Internal./x",
        // unspecified, multicast, broadcast, reserved, documentation
        "https://0.0.0.0/a.png", "https://0.1.2.3/a.png", "https://[::]/a.png", "https://224.0.0.1/a.png",
        "https://[ff02::1]/a.png", "https://255.255.255.255/a.png", "https://240.0.0.1/a.png",
        "https://192.0.2.10/a.png", "https://[2001:db8::1]/a.png",
        // unique-local IPv6
        "https://[fc00::1]/a.png", "https://[fd12:3456::1]/a.png",
        // ambiguous numeric spellings of 127.0.0.1
        "https://2130706433/a.png", "https://0177.0.0.1/a.png", "https://0x7f.0.0.1/a.png",
        "https://0x7f000001/a.png", "https://127.1/a.png", "https://127.0.1/a.png", "https://127.0.0.1./a.png",
        "https://0/a.png", "https://1.2.3.0x4/a.png", "https://%31%32%37.0.0.1/a.png", "https://127%2e0.0.1/a.png",
        // IPv6 embedding a refused IPv4: mapped in both spellings, compatible, NAT64, 6to4; and Teredo
        "https://[::ffff:127.0.0.1]/a.png", "https://[::ffff:7f00:1]/a.png", "https://[::ffff:10.0.0.1]/a.png",
        "https://[::ffff:a9fe:a9fe]/a.png", "https://[0:0:0:0:0:ffff:192.168.0.1]/a.png",
        "https://[::127.0.0.1]/a.png", "https://[64:ff9b::7f00:1]/a.png", "https://[64:ff9b::a00:1]/a.png",
        "https://[2002:7f00:1::]/a.png", "https://[2002:a9fe:a9fe::1]/a.png", "https://[2001:0:4136:e378::1]/a.png",
        // plain http to refused addresses that are not allow-listed
        "http://10.0.0.1/x.png", "http://192.168.0.10:8080/x.png", "http://[::1]/x.png", "http://2130706433/x.png",
        "http://0x7f.0.0.1/x.png", "http://127.1/x.png", "http://127.0.0.1./x.png",
    })
    void refusesEveryInternalAddressForm(String url) {
        FetchException e = assertThrows(FetchException.class, () -> FETCHER.fetch(url, "alice", FetchKind.IMAGE));
        assertEquals(Reason.ADDRESS_REFUSED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("may not be fetched"), e.getMessage());
    }

    @Test
    void httpsToALoopbackHostIsRefusedEvenWhenItIsAllowListedForHttp() {
        FetchException e = assertThrows(FetchException.class,
                () -> FETCHER.fetch("https://127.0.0.1:8443/a.png", "alice", FetchKind.IMAGE));
        assertEquals(Reason.ADDRESS_REFUSED, e.reason());
        assertEquals("The URL https://127.0.0.1:8443/a.png points to a loopback address, which may not be fetched;"
                + " use a public https URL.", e.getMessage());
    }

    @Test
    void metadataAddressesAreRefusedEvenWhenAllowListed() {
        AddressPolicy policy = new AddressPolicy(List.of("169.254.169.254", "metadata", "127.0.0.1"),
                FetchSettings.DEFAULT_METADATA_HOSTS);
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://metadata/computeMetadata/v1/")) {
            FetchException e = assertThrows(FetchException.class, () -> policy.checkUrl(url));
            assertEquals(Reason.ADDRESS_REFUSED, e.reason(), url);
        }
        policy.checkUrl("http://127.0.0.1:8080/a.png");
    }

    @Test
    void aChainThatStartedAtAPublicUrlMayNotRedirectToTheAllowListedLocalHost() {
        HttpUrl local = HttpUrl.get("http://127.0.0.1:8080/a.png");
        FETCHER.policy().checkUrl(local, true);
        FetchException e = assertThrows(FetchException.class, () -> FETCHER.policy().checkUrl(local, false));
        assertEquals(Reason.ADDRESS_REFUSED, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/a.png", "file:///etc/passwd", "gopher://example.com/",
        "jar:file:/x.jar!/a.png", "data:image/png;base64,iVBORw0KGgo=", "//example.com/a.png", "example.com/a.png",
        "http://example.com/a.png", "http://localhost:8080/a.png"})
    void refusesOtherSchemesAndPlainHttpToHostsNotAllowListed(String url) {
        FetchException e = assertThrows(FetchException.class, () -> FETCHER.fetch(url, "alice", FetchKind.IMAGE));
        assertEquals(Reason.SCHEME_NOT_ALLOWED, e.reason(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a.png", "https://93.184.215.14/a.png",
        "https://[2606:4700:4700::1111]/a.png", "https://[64:ff9b::808:808]/a.png", "https://[2002:808:808::1]/a.png",
        "https://[::ffff:8.8.8.8]/a.png", "https://example.com./a.png", "https://172.32.0.1/a.png",
        "http://127.0.0.1:8080/a.png"})
    void acceptsPublicHostsAndTheAllowListedHttpHost(String url) {
        HttpUrl checked = FETCHER.policy().checkUrl(url);
        assertEquals(checked, HttpUrl.get(url));
    }

    @Test
    void judgesAddressesByRangeWithEmbeddedIpv4() throws UnknownHostException {
        assertEquals("a loopback address", why("127.0.0.1"));
        assertEquals("a private address", why("100.127.255.255"));
        assertEquals("a cloud metadata address", why("169.254.169.254"));
        assertEquals("a cloud metadata address", why("fd00:ec2::254"));
        assertEquals("a unique-local (private) address", why("fd00:ec2::253"));
        assertEquals("a link-local address", why("febf::1"));
        assertEquals("a multicast address", why("239.255.255.250"));
        assertEquals("the broadcast address", why("255.255.255.255"));
        assertEquals("a loopback address", why("::ffff:7f00:1"));
        assertEquals("a private address", why("64:ff9b::c0a8:1"));
        assertEquals("a private address", why("64:ff9b:1::1"));
        assertEquals("a documentation address", why("3fff:0fff::1"));
        assertEquals("", why("100.128.0.1"));
        assertEquals("", why("172.15.255.255"));
        assertEquals("", why("1.1.1.1"));
        assertEquals("", why("2a00:1450:4001::1"));
    }

    @Test
    void resolvedHostsAreJudgedByEveryAddressTheyResolveTo() {
        // localhost resolves to loopback on every machine, no internet needed.
        FetchException https = assertThrows(FetchException.class,
                () -> FETCHER.policy().check(URI.create("https://localhost/a.png")));
        assertEquals(Reason.ADDRESS_REFUSED, https.reason());
        assertTrue(https.getMessage().contains("resolves to a loopback address"), https.getMessage());

        FetchException notListed = assertThrows(FetchException.class,
                () -> FETCHER.policy().check(URI.create("http://localhost/a.png")));
        assertEquals(Reason.SCHEME_NOT_ALLOWED, notListed.reason());

        AddressPolicy local = new AddressPolicy(List.of("localhost"), FetchSettings.DEFAULT_METADATA_HOSTS);
        List<InetAddress> addresses = local.check(URI.create("http://localhost:8080/a.png"));
        assertFalse(addresses.isEmpty());
        assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress), addresses.toString());
        assertThrows(FetchException.class, () -> local.check(URI.create("https://localhost/a.png")));
    }

    private static String why(String literal) throws UnknownHostException {
        return AddressPolicy.refusal(InetAddress.getByName(literal)).orElse("");
    }
}
