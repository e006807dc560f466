package io.jconntrack.itests;

import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Paths;

/** What the Karaf tests need from the machine; a missing piece skips them with a printed reason. */
final class Preconditions {
    private Preconditions() {
    }

    static void requireKernel() {
        String reason = null;
        if ("false".equals(System.getProperty("jconntrack.kernelTests"))) {
            reason = "kernel tests disabled with -Djconntrack.kernelTests=false";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            reason = "kernel tests need root (CAP_NET_ADMIN, CAP_SYS_ADMIN for ip netns)";
        } else if (!executable("ip")) {
            reason = "the 'ip' tool (iproute2) is missing";
        } else if (!executable("conntrack")) {
            reason = "the 'conntrack' tool (conntrack-tools) is missing";
        } else if (!Files.exists(Paths.get("/proc/net/netlink"))) {
            reason = "no netlink in this kernel";
        }
        if (reason != null) {
            System.out.println("SKIPPED kernel test (Karaf itests): " + reason);
        }
        assumeTrue(reason, reason == null);
    }

    private static boolean executable(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
