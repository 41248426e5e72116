package dev.herald.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlPolicyTest {

    /** The policy with these networks opened, as the settings bean reads them at start. */
    static TargetUrlPolicy policy(String allowedNetworks) {
        EgressSettings settings = new EgressSettings();
        settings.allowedNetworksText = Optional.ofNullable(allowedNetworks);
        settings.connectTimeout = Duration.ofSeconds(10);
        settings.check();
        TargetUrlPolicy policy = new TargetUrlPolicy();
        policy.settings = settings;
        return policy;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com:8443/in?team=a",
                "https://hooks.example.com:65535/in",
                "http://93.184.216.34/x",
                "HTTPS://Example.com"
            })
    void acceptsAbsoluteHttpUrlsWithPortAndQuery(String url) {
        assertTrue(policy(null).problemWithForm(url).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/x",
                "/relative/path",
                "https://",
                "https://user:pw@example.com/",
                "https://example.com/#frag",
                "http://exa mple.com/",
                "mailto:ops@example.com",
                "https://example.com:70000/in",
                "https://example.com:65536/in",
                "https://example.com:0/in"
            })
    void rejectsOtherUrls(String url) {
        assertTrue(policy(null).problemWithForm(url).isPresent(), url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "::1",
                "10.1.2.3",
                "172.16.0.5",
                "192.168.1.1",
                "169.254.169.254",
                "fe80::1",
                "224.0.0.1",
                "0.0.0.0",
                "100.64.0.1",
                "fd00::1",
                "::ffff:10.0.0.1",
                "192.0.0.8",
                "198.18.0.1",
                "198.19.255.255",
                "240.0.0.1",
                "255.255.255.255",
                "64:ff9b::a00:1",
                "64:ff9b::7f00:1",
                "64:ff9b:1::c0a8:101",
                "2002:a9fe:a9fe::1",
                "2002:7f00:1::",
                "::7f00:1",
                "::a00:1"
            })
    void treatsLoopbackPrivateLinkLocalAndMulticastAsInternal(String address) throws Exception {
        assertTrue(TargetUrlPolicy.isInternal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "2606:4700::1111",
                "198.20.0.1",
                "192.0.1.1",
                "64:ff9b::5db8:d822",
                "2002:5db8:d822::1"
            })
    void treatsPublicAddressesAsExternal(String address) throws Exception {
        assertFalse(TargetUrlPolicy.isInternal(InetAddress.getByName(address)), address);
    }

    @Test
    void blocksInternalTargetsUnlessTheirNetworkIsAllowed() {
        assertTrue(policy(null).problemWithTarget("http://127.0.0.1:9000/in").isPresent());
        assertTrue(policy("10.0.0.0/8, 127.0.0.0/8")
                .problemWithTarget("http://127.0.0.1:9000/in")
                .isEmpty());
        assertTrue(
                policy("127.0.0.0/8").problemWithTarget("http://[::1]:9000/in").isPresent());
        assertTrue(policy(null)
                .problemWithTarget("http://169.254.169.254/latest/meta-data")
                .isPresent());
        assertTrue(
                policy("127.0.0.0/8")
                        .problemWithTarget("http://[64:ff9b::7f00:1]/in")
                        .isPresent(),
                "opening an IPv4 range does not open its NAT64 twin");
        assertTrue(policy("64:ff9b::/96")
                .problemWithTarget("http://[64:ff9b::a00:1]/in")
                .isEmpty());
    }

    @Test
    void anIpv4MappedAddressAsADnsAnswerCarriesItIsInternalWhenItsIpv4AddressIs() throws Exception {
        // How a lookup returns an AAAA record of ::ffff:169.254.169.254: an Inet6Address, which
        // InetAddress.getByName would have turned into an Inet4Address.
        byte[] mapped = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254
        };
        InetAddress answer = Inet6Address.getByAddress("metadata.example.test", mapped, -1);
        assertTrue(answer instanceof Inet6Address);
        assertTrue(TargetUrlPolicy.isInternal(answer));
        InetAddress[] asConnected = TargetUrlPolicy.asConnected("metadata.example.test", new InetAddress[] {answer});
        assertEquals(InetAddress.getByName("169.254.169.254"), asConnected[0]);
        assertTrue(policy("169.254.0.0/16")
                .problemWithAddresses(List.of(asConnected))
                .isEmpty());
    }

    @Test
    void letsHostsThatDoNotResolvePassUntilDeliveryTime() {
        assertTrue(policy(null)
                .problemWithTarget("https://no-such-host.invalid/in")
                .isEmpty());
    }
}
