package dev.herald.egress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which URLs Herald may call. A URL must be absolute http(s) with a host and no user info
 * or fragment; and, so that a subscription cannot turn Herald against the network it runs
 * in, no address its host resolves to may be loopback, private, link-local or multicast,
 * unless {@code herald.delivery.allowed-networks} opens that range.
 */
@ApplicationScoped
public class TargetUrlPolicy {

    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_PORT = 65_535;
    /**
     * Ranges Java's own address tests miss: "this network", carrier-grade NAT, IETF protocol
     * assignments, benchmarking, reserved (with broadcast) and IPv6 unique-local.
     */
    private static final List<Cidr> ALWAYS_INTERNAL = List.of(
            Cidr.parse("0.0.0.0/8"),
            Cidr.parse("100.64.0.0/10"),
            Cidr.parse("192.0.0.0/24"),
            Cidr.parse("198.18.0.0/15"),
            Cidr.parse("240.0.0.0/4"),
            Cidr.parse("fc00::/7"));
    /** IPv6 forms that carry an IPv4 address a router will reach: NAT64 (well-known and local-use). */
    private static final List<Cidr> NAT64 = List.of(Cidr.parse("64:ff9b::/96"), Cidr.parse("64:ff9b:1::/48"));

    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    @Inject
    EgressSettings settings;

    /** @return what is wrong with the URL's form, or empty */
    public Optional<String> problemWithForm(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("must be an absolute http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            return Optional.of("must name a host, e.g. https://hooks.example.com/in");
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) { // URI takes them; HttpClient refuses every attempt
            return Optional.of("must have a port from 1 to " + MAX_PORT);
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user info; use authType and credentials instead");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a #fragment: it is never sent to the server");
        }
        return Optional.empty();
    }

    /**
     * Checks where a well-formed URL's host points. A host that does not resolve now passes:
     * the check is repeated at every delivery, which is where it protects.
     *
     * @return why the target is blocked, or empty
     */
    public Optional<String> problemWithTarget(String url) {
        String host = URI.create(url).getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = asConnected(host, InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return problemWithAddresses(List.of(addresses));
    }

    /** @return why one of these addresses may not be called, or empty */
    public Optional<String> problemWithAddresses(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (isInternal(address) && !isAllowed(address)) {
                // Which address is not said: a name resolved by Herald's DNS would tell a tenant
                // the network inside (vault.corp.internal is 10.3.4.5).
                return Optional.of("is, or resolves to, an internal address Herald does not call (an operator"
                        + " can open it with herald.delivery.allowed-networks)");
            }
        }
        return Optional.empty();
    }

    /**
     * Opened ranges are matched in the address's own form: opening 10.0.0.0/8 does not open
     * its NAT64 twin {@code 64:ff9b::a00:1}, which leads through a gateway somewhere else.
     */
    private boolean isAllowed(InetAddress address) {
        return settings.allowedNetworks().stream().anyMatch(network -> network.contains(address));
    }

    static boolean isInternal(InetAddress address) {
        return isInternalItself(address)
                || embeddedIpv4(address).filter(TargetUrlPolicy::isInternal).isPresent();
    }

    private static boolean isInternalItself(InetAddress address) {
        // Java reads a typed IPv4-mapped address (::ffff:10.0.0.1) as IPv4, but not one a DNS
        // answer carries: embeddedIpv4 takes those.
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isMulticastAddress()
                || address.isAnyLocalAddress()
                || ALWAYS_INTERNAL.stream().anyMatch(network -> network.contains(address));
    }

    /**
     * The IPv4 address inside a NAT64, 6to4, IPv4-compatible or IPv4-mapped IPv6 address: a
     * gateway on the path turns {@code 64:ff9b::a00:1} into a packet to 10.0.0.1, and a
     * dual-stack socket {@code ::ffff:a00:1} into a connection to it.
     */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return Optional.empty();
        }
        byte[] bytes = v6.getAddress();
        int from;
        if (NAT64.stream().anyMatch(network -> network.contains(address))
                || v6.isIPv4CompatibleAddress()
                || isIpv4Mapped(bytes)) {
            from = 12;
        } else if (SIX_TO_FOUR.contains(address)) {
            from = 2;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4)));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code ::ffff:0:0/96}: ten zero bytes, then two of 0xff. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /**
     * Each address as the socket will reach it: a DNS answer of an IPv4-mapped IPv6 address
     * ({@code ::ffff:169.254.169.254}) comes back as an IPv6 address, which none of Java's own
     * checks of internal ranges matches, while a dual-stack socket connects to the IPv4
     * address inside it. Rebuilt from its bytes, it is that IPv4 address, checked and used as
     * one.
     */
    static InetAddress[] asConnected(String host, InetAddress[] addresses) throws UnknownHostException {
        InetAddress[] rebuilt = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            rebuilt[i] = InetAddress.getByAddress(host, addresses[i].getAddress());
        }
        return rebuilt;
    }
}
