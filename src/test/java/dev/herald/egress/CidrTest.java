package dev.herald.egress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void containsAddressesInsideTheIpv4Network() throws Exception {
        Cidr network = Cidr.parse("10.20.0.0/16");
        assertTrue(network.contains(InetAddress.getByName("10.20.255.1")));
        assertFalse(network.contains(InetAddress.getByName("10.21.0.1")));
        assertFalse(network.contains(InetAddress.getByName("::1")), "families never match");
    }

    @Test
    void handlesIpv6SingleHostsAndTheWholeSpace() throws Exception {
        assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12:3456::1")));
        assertTrue(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
        assertFalse(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
    }

    @Test
    void rejectsWhatIsNotANetwork() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}
