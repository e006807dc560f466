package io.jconntrack.testsupport;

import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * What kernel tests need from the machine. A missing piece skips the test with a printed
 * {@code SKIPPED kernel test: <reason>}, never passes it silently.
 */
public final class Preconditions {
    /** System property: {@code false} skips every kernel test on purpose. */
    public static final String KERNEL_TESTS = "jconntrack.kernelTests";

    private static final String SYSTEM_DIRS = "/usr/sbin:/usr/bin:/sbin:/bin";

    private Preconditions() {
    }

    /** Skips the calling test, with the printed reason, where kernel tests cannot run. */
    public static void requireKernel() {
        kernelUnavailableReason().ifPresent(Preconditions::skip);
    }

    /** Why kernel tests cannot run here (disabled, not root, no ip or conntrack, no netlink), or empty. */
    public static Optional<String> kernelUnavailableReason() {
        if ("false".equals(System.getProperty(KERNEL_TESTS))) {
            return Optional.of("kernel tests disabled with -D" + KERNEL_TESTS + "=false");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("kernel tests need root (CAP_NET_ADMIN, CAP_SYS_ADMIN for ip netns)");
        }
        if (executable("ip").isEmpty()) {
            return Optional.of("the 'ip' tool (iproute2) is missing");
        }
        if (executable("conntrack").isEmpty()) {
            return Optional.of("the 'conntrack' tool (conntrack-tools) is missing");
        }
        if (!Files.exists(Paths.get("/proc/net/netlink"))) {
            return Optional.of("no netlink in this kernel");
        }
        return Optional.empty();
    }

    /** The kernel preconditions and a tool more (e.g. {@code setpriv}); skips, naming it, when it is missing. */
    public static Path requireExecutable(String tool, String providedBy) {
        requireKernel();
        Optional<Path> path = executable(tool);
        if (path.isEmpty()) {
            skip("the '" + tool + "' tool (" + providedBy + ") is missing");
        }
        return path.orElseThrow();
    }

    /** Where {@code tool} is on the PATH or in the system directories, if anywhere. */
    public static Optional<Path> executable(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":" + SYSTEM_DIRS;
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return Optional.of(Paths.get(dir, tool));
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test (an assumption failure) after printing {@code SKIPPED kernel test: <reason>}. */
    public static void skip(String reason) {
        System.out.println("SKIPPED kernel test: " + reason);
        assumeTrue(reason, false);
    }
}
