package dev.herald.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host;
    }
}
