package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_HELP;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_HELP_NAME;

import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;

/**
 * {@code CTA_HELP}: the name of the entry's helper. An entry created with one gets that helper attached, as a
 * {@code ct helper} rule attaches it to a connection, so the kernel accepts expectations on it.
 */
public final class HelperCodec {
    private HelperCodec() {
    }

    public static void encode(MessageWriter w, String name) {
        int help = w.beginNested(CTA_HELP);
        w.putString(CTA_HELP_NAME, name);
        w.endNested(help);
    }

    /** The helper's name, or null when the nest has none. */
    public static String decode(AttributeCursor a) throws MalformedMessageException {
        AttributeCursor h = a.nested(CtnetlinkNames.HELP);
        while (h.next()) {
            if (h.type() == CTA_HELP_NAME) {
                return h.string();
            }
        }
        return null;
    }
}
