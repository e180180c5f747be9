package io.zmx.export.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zmx.export.client.EndpointAddresses;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The SSRF guard's address classes, one literal at a time (no DNS: literals only). */
class EndpointAddressesTest {

    @Test
    void nonPublicAddressesAreNamed() throws Exception {
        for (String a : new String[] {"0.0.0.0", "0.1.2.3", "10.0.0.1", "127.0.0.1", "127.255.255.254", "169.254.169.254",
                "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "100.127.255.255", "192.0.0.8", "192.0.2.1",
                "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
                "::", "::1", "fe80::1", "febf::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1",
                "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1",
                "64:ff9b::7f00:1", "2002:a00:1::1", "2002:7f00:1::", "100::1"}) {
            assertNotNull(EndpointAddresses.notPublic(InetAddress.getByName(a)), a + " must not count as public");
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String a : new String[] {"1.1.1.1", "8.8.8.8", "93.184.216.34", "172.32.0.1", "172.15.255.255", "100.128.0.1",
                "169.255.0.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808",
                "2002:808:808::1"}) {
            assertNull(EndpointAddresses.notPublic(InetAddress.getByName(a)), a + " is public");
        }
    }

    @Test
    void urlsAreHttpsWithAHostAndNoUserInfo() throws Exception {
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.parse("http://8.8.8.8/", false));
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.parse("https://u:p@8.8.8.8/", false));
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.parse("https:///x", false));
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.parse("file:///etc/passwd", false));
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.parse("https://8.8.8.8/#frag", false));
        assertEquals("8.8.8.8", EndpointAddresses.parse("https://8.8.8.8:8443/hook?x=1", false).getHost());
    }

    @Test
    void theCheckedAddressIsTheOneToConnectTo() throws Exception {
        EndpointAddresses.Target t = EndpointAddresses.resolve("https://8.8.8.8:8443/hook", false);
        assertEquals("8.8.8.8", t.address().getHostAddress());
        assertEquals(8443, t.port());
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.resolve("https://127.0.0.1/", false));
        assertEquals(80, EndpointAddresses.resolve("http://127.0.0.1/", true).port());
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.resolve("https://10.0.0.1/", true),
                "loopback allowed does not allow private ranges");
    }
}
