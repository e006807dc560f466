package io.jconntrack.impl;

import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;

/**
 * Plain-Java entry point, for use outside OSGi:
 * <pre>{@code
 * try (NetlinkConntrackService ct = Conntrack.open()) {
 *     ct.inNamespace("blue").list(ConntrackFilter.zone(5)).forEach(System.out::println);
 * }
 * }</pre>
 */
public final class Conntrack {
    private Conntrack() {
    }

    /** A service with default options in the process's network namespace. Close it to release its sockets. */
    public static NetlinkConntrackService open() {
        return new NetlinkConntrackService(ConntrackOptions.defaults());
    }

    public static NetlinkConntrackService open(ConntrackOptions options) {
        return new NetlinkConntrackService(options);
    }
}
