package io.jconntrack.impl.kernel;

import static org.junit.Assume.assumeTrue;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.ctnetlink.NfGenMsg;
import io.jconntrack.impl.ctnetlink.NfnetlinkConstants;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.netlink.NetlinkConstants;
import io.jconntrack.impl.service.KernelFeatures;
import io.jconntrack.impl.service.KernelFilter;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.Test;

/**
 * Captures real kernel messages as fuzzing seeds and golden bytes: dumps of every protocol in both families (with
 * accounting, timestamps, marks, zones), NEW/UPDATE/DESTROY events, error replies, DONE and statistics. Not a test:
 * it runs only when asked, and writes one file per received datagram.
 *
 * <pre>
 * mvn -B -o test -pl api-bundle,impl-bundle -Dtest=SeedCaptureTool -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djconntrack.captureSeeds=$PWD/impl-bundle/src/test/resources/io/jconntrack/impl/netlink/DecoderFuzzTestInputs/decode
 * </pre>
 */
public class SeedCaptureTool {
    private static final String V4A = "192.0.2.1";
    private static final String V4B = "198.51.100.1";
    private static final String V6A = "2001:db8::1";
    private static final String V6B = "2001:db8::2";

    @Test
    public void capture() throws Exception {
        String dir = System.getProperty("jconntrack.captureSeeds");
        assumeTrue("set -Djconntrack.captureSeeds=DIR to capture seeds", dir != null && !dir.isEmpty());
        Path out = Paths.get(dir);
        Files.createDirectories(out);
        try (TestNamespace ns = TestNamespace.create("jct-seed")) {
            ns.sysctl("net.netfilter.nf_conntrack_acct", "1");
            ns.sysctl("net.netfilter.nf_conntrack_timestamp", "1");
            NetworkNamespace netns = NetworkNamespace.of(ns.name());
            try (NetlinkSocket events = netns.openSocket(1 << 20, 500);
                 NetlinkSocket s = netns.openSocket(1 << 20, 2000)) {
                events.joinGroup(NfnetlinkConstants.NFNLGRP_CONNTRACK_NEW);
                events.joinGroup(NfnetlinkConstants.NFNLGRP_CONNTRACK_UPDATE);
                events.joinGroup(NfnetlinkConstants.NFNLGRP_CONNTRACK_DESTROY);
                for (List<String> args : fixtures()) {
                    ns.conntrack(args.toArray(new String[0]));
                }
                ns.conntrack("-U", "-p", "udp", "-s", V4A, "-d", V4B, "--sport", "3", "--dport", "4", "-m", "77");
                ns.conntrack("-D", "-p", "udp", "-s", V6A, "-d", V6B, "--sport", "3", "--dport", "4");
                int n = drain(events, out, "event");
                System.out.println("captured " + n + " event datagrams");

                KernelFilter all = KernelFilter.forDump(ConntrackFilter.ALL, KernelFeatures.running(true));
                MessageWriter w = new MessageWriter(256);
                Requests.dump(w, s.nextSeq(), Requests.UNACKED, all.selection());
                s.send(w.buffer(), w.length());
                n = untilDone(s, out, "dump");
                System.out.println("captured " + n + " dump datagrams");

                w.clear();
                Requests.cpuStatistics(w, s.nextSeq(), Requests.UNACKED);
                s.send(w.buffer(), w.length());
                untilDone(s, out, "stats-cpu");

                // Errors: EEXIST for a duplicate (with the request echoed capped), EINVAL with an extended ack.
                ns.conntrack("-I", "-p", "tcp", "-s", V4A, "-d", V4B, "--sport", "9", "--dport", "9", "--state",
                        "ESTABLISHED", "-t", "100");
                duplicateCreate(s, out, "error-eexist");
                w.clear();
                // A CT_NEW without a tuple: the kernel answers EINVAL.
                w.begin(NfnetlinkConstants.ctnetlinkType(0), NetlinkConstants.NLM_F_REQUEST
                        | NetlinkConstants.NLM_F_ACK | NetlinkConstants.NLM_F_CREATE, s.nextSeq());
                new NfGenMsg(2, 0, 0).encode(w);
                w.end();
                s.send(w.buffer(), w.length());
                write(out, "error-einval-0.bin", s.receive());
            }
        }
    }

    /** Creates through our own socket an entry the CLI made already: the kernel answers EEXIST. */
    private static void duplicateCreate(NetlinkSocket s, Path out, String name) throws Exception {
        io.jconntrack.api.ConntrackEntry e = io.jconntrack.api.ConntrackEntry.builder(
                io.jconntrack.api.Tuple.tcp(java.net.InetAddress.getByName(V4A), java.net.InetAddress.getByName(V4B),
                        9, 9)).timeout(100).tcpState(io.jconntrack.api.TcpState.ESTABLISHED).build();
        MessageWriter w = new MessageWriter(512);
        Requests.create(w, s.nextSeq(), Requests.ACKED, e);
        s.send(w.buffer(), w.length());
        write(out, name + "-0.bin", s.receive());
    }

    private static List<List<String>> fixtures() {
        return List.of(
                List.of("-I", "-p", "tcp", "-s", V4A, "-d", V4B, "--sport", "1", "--dport", "2", "--state",
                        "ESTABLISHED", "-t", "300", "-m", "5", "-w", "10"),
                List.of("-I", "-p", "udp", "-s", V4A, "-d", V4B, "--sport", "3", "--dport", "4", "-t", "300"),
                List.of("-I", "-p", "icmp", "-s", V4A, "-d", V4B, "--icmp-type", "8", "--icmp-code", "0",
                        "--icmp-id", "3333", "-t", "300"),
                List.of("-I", "-p", "sctp", "-s", V4A, "-d", V4B, "--sport", "5", "--dport", "6", "--state",
                        "ESTABLISHED", "--orig-vtag", "1", "--reply-vtag", "2", "-t", "300"),
                List.of("-I", "-p", "dccp", "-s", V4A, "-d", V4B, "--sport", "7", "--dport", "8", "--state",
                        "OPEN", "--role", "client", "-t", "300"),
                List.of("-I", "-p", "udplite", "-s", V4A, "-d", V4B, "--sport", "11", "--dport", "12", "-t", "300"),
                List.of("-I", "-p", "gre", "-s", V4A, "-d", V4B, "--srckey", "13", "--dstkey", "14", "-t", "300"),
                List.of("-I", "-p", "tcp", "-s", V6A, "-d", V6B, "--sport", "1", "--dport", "2", "--state",
                        "SYN_SENT", "-t", "300", "-w", "65535"),
                List.of("-I", "-p", "udp", "-s", V6A, "-d", V6B, "--sport", "3", "--dport", "4", "-t", "300"),
                List.of("-I", "-p", "icmpv6", "-s", V6A, "-d", V6B, "--icmpv6-type", "128", "--icmpv6-code", "0",
                        "--icmpv6-id", "42", "-t", "300"),
                List.of("-I", "-p", "sctp", "-s", V6A, "-d", V6B, "--sport", "5", "--dport", "6", "--state",
                        "COOKIE_WAIT", "--orig-vtag", "3", "--reply-vtag", "4", "-t", "300"));
    }

    /** Writes every datagram until NLMSG_DONE or an error. */
    private static int untilDone(NetlinkSocket s, Path out, String prefix) throws Exception {
        for (int i = 0; ; i++) {
            ByteBuffer b = s.receive();
            write(out, prefix + "-" + i + ".bin", b);
            MessageCursor m = new MessageCursor(b);
            while (m.next()) {
                if (m.type() == NetlinkConstants.NLMSG_DONE || m.type() == NetlinkConstants.NLMSG_ERROR) {
                    return i + 1;
                }
            }
        }
    }

    /** Writes datagrams until the socket stays quiet for its timeout. */
    private static int drain(NetlinkSocket s, Path out, String prefix) throws IOException {
        int i = 0;
        while (true) {
            try {
                write(out, prefix + "-" + i + ".bin", s.receive());
                i++;
            } catch (NetlinkIOException e) {
                return i;
            }
        }
    }

    private static void write(Path dir, String name, ByteBuffer b) throws IOException {
        byte[] bytes = new byte[b.limit()];
        b.get(0, bytes);
        Files.write(dir.resolve(name), bytes);
    }
}
