package io.zmx.export.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard for webhook URLs. A URL must be absolute {@code https} without user info, and every address its
 * host resolves to must be public: no private (RFC 1918), loopback, link-local (cloud metadata 169.254.169.254),
 * carrier-grade NAT, multicast, unspecified, reserved or documentation ranges, no IPv6 unique-local, link-local or
 * site-local, and no IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4) that is one of those. The check runs
 * at registration and again before every delivery, and the delivery connects to the very address that was
 * checked ({@link Target#address}), so a DNS answer that changes in between (rebinding) cannot redirect it.
 * <p>
 * {@code allowLoopback} (dev, test and the local stack only) additionally admits loopback targets, over http too.
 */
public final class EndpointAddresses {

    /** Why a URL is refused; {@code field} is the request field to blame. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A checked URL: where to connect ({@code address}), and the host name for the Host header, SNI and TLS. */
    public record Target(URI uri, boolean https, String host, int port, InetAddress address) {}

    private EndpointAddresses() {}

    /** The URL's syntax alone (no DNS): https (or http when loopback is allowed), a host, no user info. */
    public static URI parse(String url, boolean allowLoopback) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an absolute https URL");
        }
        if (scheme.equals("http") && !allowLoopback) {
            throw new Refused("must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the URL's host (blocking: DNS) and checks every address; the first one is the one to connect to.
     */
    public static Target resolve(String url, boolean allowLoopback) throws Refused {
        URI uri = parse(url, allowLoopback);
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused("host " + bare + " does not resolve");
        }
        if (all.length == 0) {
            throw new Refused("host " + bare + " does not resolve");
        }
        for (InetAddress a : all) {
            boolean loopback = isLoopback(a);
            if (loopback && allowLoopback) {
                continue;
            }
            if (!https) {
                throw new Refused("must use https");
            }
            String why = notPublic(a);
            if (why != null) {
                throw new Refused("resolves to " + a.getHostAddress() + ", " + why + " address");
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        return new Target(uri, https, bare, port, all[0]);
    }

    private static boolean isLoopback(InetAddress a) {
        if (a.isLoopbackAddress()) return true;
        byte[] v4 = embeddedV4(a);
        return v4 != null && (v4[0] & 0xff) == 127;
    }

    /** Null when the address is public; else what kind of address it is. */
    public static String notPublic(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return notPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            byte[] v4 = embeddedV4(a);
            if (v4 != null) {
                String why = notPublicV4(v4);
                return why == null ? null : "an IPv4-embedded " + why;
            }
            int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
            if (a.isAnyLocalAddress()) return "an unspecified";
            if (a.isLoopbackAddress()) return "a loopback";
            if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return "a link-local";
            if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return "a site-local";
            if ((b0 & 0xfe) == 0xfc) return "a unique-local";
            if (b0 == 0xff) return "a multicast";
            if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return "a documentation";
            if (b0 == 0x01 && b1 == 0x00 && allZero(b, 2, 8)) return "a discard-only";
            // ::/8 apart from the embedded forms above is reserved
            if (b0 == 0) return "a reserved";
            return null;
        }
        return "an unknown kind of";
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 one. */
    private static byte[] embeddedV4(InetAddress a) {
        if (!(a instanceof Inet6Address)) return null;
        byte[] b = a.getAddress();
        boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4 2002:V4ADDR::/48
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static String notPublicV4(byte[] b) {
        int b0 = b[0] & 0xff, b1 = b[1] & 0xff, b2 = b[2] & 0xff;
        if (b0 == 0) return "an unspecified (0.0.0.0/8)";
        if (b0 == 10) return "a private (10.0.0.0/8)";
        if (b0 == 127) return "a loopback";
        if (b0 == 169 && b1 == 254) return "a link-local (169.254.0.0/16)";
        if (b0 == 172 && (b1 & 0xf0) == 16) return "a private (172.16.0.0/12)";
        if (b0 == 192 && b1 == 168) return "a private (192.168.0.0/16)";
        if (b0 == 100 && (b1 & 0xc0) == 64) return "a carrier-grade NAT (100.64.0.0/10)";
        if (b0 == 192 && b1 == 0 && b2 == 0) return "an IETF protocol (192.0.0.0/24)";
        if (b0 == 192 && b1 == 0 && b2 == 2) return "a documentation";
        if (b0 == 198 && b1 == 51 && b2 == 100) return "a documentation";
        if (b0 == 203 && b1 == 0 && b2 == 113) return "a documentation";
        if (b0 == 198 && (b1 & 0xfe) == 18) return "a benchmarking (198.18.0.0/15)";
        if (b0 >= 224 && b0 <= 239) return "a multicast";
        if (b0 >= 240) return "a reserved (240.0.0.0/4)";
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }
}
