package dev.herald.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a host once and hands the HTTP client exactly the addresses the target policy
 * approved, so a name cannot answer a public address to the check and an internal one to
 * the connection (DNS rebinding).
 */
final class CheckedResolver implements DnsResolver {

    /** A host lookup; the system's resolver in production, a fixed table in tests. */
    interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** The addresses of a name the client tries, each for part of the attempt's time ({@link Egress}). */
    static final int MOST_TRIED = 2;

    private final TargetUrlPolicy policy;
    private final Lookup lookup;

    CheckedResolver(TargetUrlPolicy policy, Lookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = TargetUrlPolicy.asConnected(bare, lookup.all(bare));
        var problem = policy.problemWithAddresses(List.of(addresses));
        if (problem.isPresent()) {
            throw new BlockedTargetException("Target " + bare + " " + problem.get());
        }
        // Every address is checked; the first two are tried. The client tries each one for its
        // connect timeout, which no deadline's cancel cuts short between two of them: a name of
        // ten addresses that drop what is sent to them held a worker ten times as long.
        return addresses.length <= MOST_TRIED ? addresses : Arrays.copyOf(addresses, MOST_TRIED);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host;
    }
}
