package io.jconntrack.testsupport;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The parts of the namespace fixture that need no kernel. */
public class TestNamespaceTest {

    @Test
    public void theTimeoutOfAConntrackLineIsReplacedAndNothingElse() {
        assertEquals("tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 mark=0 use=1",
                TestNamespace.withoutTimeout(
                        "tcp      6 119 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 mark=0 use=1"));
        assertEquals("udp      17 T src=192.0.2.5 dst=198.51.100.5 sport=5353 dport=53 [UNREPLIED] mark=0 use=1",
                TestNamespace.withoutTimeout(
                        "udp      17 29 src=192.0.2.5 dst=198.51.100.5 sport=5353 dport=53 [UNREPLIED] mark=0 use=1"));
        assertEquals("a line without a timeout stays as it is", "conntrack v1.4.7 (conntrack-tools): 2 flow entries",
                TestNamespace.withoutTimeout("conntrack v1.4.7 (conntrack-tools): 2 flow entries"));
    }
}
