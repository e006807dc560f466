package io.jconntrack.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses written as text in tests (numeric literals, documentation ranges). */
public final class Addresses {
    private Addresses() {
    }

    /** The address of a numeric literal such as {@code 192.0.2.1} or {@code 2001:db8::1}. */
    public static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
