package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_HELP_NAME;

import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;

/** Decodes {@code CTA_HELP}: the name of the entry's helper. Entries are not created with a helper here. */
public final class HelperCodec {
    private HelperCodec() {
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
