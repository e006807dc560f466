package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_FILTERED;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_INTR;

import io.jconntrack.impl.ctnetlink.EntryZone;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;

/**
 * The replies of the dump that checks a shared-zone flush ({@code conntrack -D -w Z}) before it is sent. The dump
 * carries the flush's own selection (the kernel's zone Z and the rest of the filter), so each entry message the
 * kernel marks {@code NLM_F_DUMP_FILTERED} is one the flush would remove. Of each, only the zone is read
 * ({@link EntryZone}), nothing is decoded into an entry: entries zoned in both directions are what the shared zone
 * selects and are counted; an entry zoned in one direction is matched by the kernel's zone, not by the shared zone.
 * A message without the flag, or of another zone, means the kernel did not apply the selection.
 */
final class SharedZoneScan implements Reply<SharedZoneScan.Tally> {
    private static final int CT_NEW = ctnetlinkType(IPCTNL_MSG_CT_NEW);

    /**
     * What the dump found.
     *
     * @param shared entries zoned in both directions in the zone: what the flush removes when it is safe
     * @param oneDirection entries the kernel's zone matches by the zone of one direction only
     * @param unfiltered whether some message was not filtered by the kernel as asked
     * @param interrupted whether the kernel marked the dump inconsistent ({@code NLM_F_DUMP_INTR})
     */
    record Tally(long shared, long oneDirection, boolean unfiltered, boolean interrupted) {
        /** Whether the kernel's zone flush removes exactly the {@link #shared} entries counted. */
        boolean flushable() {
            return oneDirection == 0 && !unfiltered && !interrupted;
        }
    }

    private final int zone;
    private final String netns;
    private long shared;
    private long oneDirection;
    private boolean unfiltered;
    private boolean interrupted;

    SharedZoneScan(int zone, String netns) {
        this.zone = zone;
        this.netns = netns;
    }

    @Override
    public void onMessage(MessageCursor m) throws MalformedMessageException {
        if ((m.flags() & NLM_F_DUMP_INTR) != 0) {
            interrupted = true;
        }
        if (m.type() != CT_NEW) {
            return;
        }
        EntryZone z = EntryZone.decode(m);
        if ((m.flags() & NLM_F_DUMP_FILTERED) == 0 || z.id() != zone) {
            unfiltered = true;
        } else if (z.shared()) {
            shared++;
        } else {
            oneDirection++;
        }
    }

    @Override
    public boolean onError(NetlinkError error) {
        if (error.isAck()) {
            return false;
        }
        throw Failures.kernel("deleteMatching", error.errno(), error.message(), netns, null);
    }

    @Override
    public boolean onDone(int error, int flags) {
        if ((flags & NLM_F_DUMP_INTR) != 0) {
            interrupted = true;
        }
        if (error != 0) {
            throw Failures.kernel("deleteMatching", error, null, netns, null);
        }
        return true;
    }

    @Override
    public Tally result() {
        return new Tally(shared, oneDirection, unfiltered, interrupted);
    }
}
