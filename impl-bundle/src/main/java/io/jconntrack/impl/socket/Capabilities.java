package io.jconntrack.impl.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective capabilities of this process, as {@code /proc/self/status} reports them ({@code CapEff}, a hex mask
 * of the bits in {@code linux/capability.h}), and what they allow jconntrack to do. Only two matter: ctnetlink needs
 * {@code CAP_NET_ADMIN} (in the user namespace owning the network namespace), {@code setns} into another network
 * namespace needs {@code CAP_SYS_ADMIN}.
 */
public final class Capabilities {
    /** {@code linux/capability.h}. */
    public static final int CAP_NET_ADMIN = 12;
    /** {@code linux/capability.h}. */
    public static final int CAP_SYS_ADMIN = 21;

    /** Where the kernel reports a process's capability sets. */
    public static final Path PROC_SELF_STATUS = Paths.get("/proc/self/status");

    private static final String CAP_EFF = "CapEff:";

    private final long effective;

    private Capabilities(long effective) {
        this.effective = effective;
    }

    /** The mask as written after {@code CapEff:} (16 hex digits). */
    public static Capabilities ofMask(long effective) {
        return new Capabilities(effective);
    }

    /**
     * Parses the text of a {@code /proc/PID/status} file.
     *
     * @throws IllegalArgumentException when it has no well-formed {@code CapEff} line
     */
    public static Capabilities parseStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith(CAP_EFF)) {
                String hex = line.substring(CAP_EFF.length()).trim();
                try {
                    return new Capabilities(Long.parseUnsignedLong(hex, 16));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("CapEff: '" + hex + "' is not a hex mask", e);
                }
            }
        }
        throw new IllegalArgumentException("no CapEff line in the status text");
    }

    /** This process's effective set. */
    public static Capabilities ofThisProcess() throws IOException {
        return parseStatus(Files.readString(PROC_SELF_STATUS));
    }

    public long mask() {
        return effective;
    }

    public boolean has(int capability) {
        return (effective & (1L << capability)) != 0;
    }

    /** How many capabilities beyond the two that jconntrack needs are effective (e.g. those of a root process). */
    public int unneededCount() {
        return Long.bitCount(effective & ~((1L << CAP_NET_ADMIN) | (1L << CAP_SYS_ADMIN)));
    }

    /** One sentence: which of the two needed capabilities are effective and what works without a missing one. */
    public String describe() {
        boolean net = has(CAP_NET_ADMIN);
        boolean sys = has(CAP_SYS_ADMIN);
        List<String> held = new ArrayList<>();
        if (net) {
            held.add("CAP_NET_ADMIN");
        }
        if (sys) {
            held.add("CAP_SYS_ADMIN");
        }
        String mask = String.format("CapEff %016x", effective);
        String has = held.isEmpty() ? "neither CAP_NET_ADMIN nor CAP_SYS_ADMIN" : String.join(" and ", held);
        String works;
        if (net && sys) {
            works = "conntrack works in the controller's network namespace and in others (-n, defaultNamespace)";
        } else if (net) {
            works = "no CAP_SYS_ADMIN: only the controller's own network namespace is reachable "
                    + "(-n and defaultNamespace fail naming CAP_SYS_ADMIN)";
        } else if (sys) {
            works = "no CAP_NET_ADMIN: every conntrack request fails with EPERM; namespaces can be entered but "
                    + "their tables not read";
        } else {
            works = "no CAP_NET_ADMIN: every conntrack request fails with EPERM; no CAP_SYS_ADMIN: no other "
                    + "network namespace is reachable";
        }
        String extra = unneededCount() == 0 ? ""
                : "; " + unneededCount() + " more capabilities are effective than jconntrack needs";
        return "has " + has + " (" + mask + "): " + works + extra;
    }

    @Override
    public String toString() {
        return String.format("%016x", effective);
    }
}
