package io.jconntrack.shell.command;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Failure;
import io.jconntrack.shell.options.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs delete and update selections on the service, for the console commands and for restore alike. Where the
 * whole selection is the service's own filter, the service does the work in one call (filtered flush, filtered
 * update); otherwise the selected entries are collected from a filtered dump and sent in pipelined batches.
 */
final class ToolExecutor {
    private ToolExecutor() {
    }

    /**
     * Deletes the selected entries; {@code shown} (or null) sees each one deleted.
     *
     * @return how many were deleted
     */
    /**
     * {@code -A}: creates the entry; one that exists already is not a failure and stays as it is, as conntrack
     * 1.4.7 does (it sends the create with {@code NLM_F_EXCL} and reports 0 added).
     *
     * @return whether it was created
     */
    static boolean add(ConntrackService s, ConntrackEntry e) {
        try {
            s.create(e);
            return true;
        } catch (ConntrackException x) {
            if (!ConntrackException.EEXIST.equals(x.errnoName())) {
                throw x;
            }
            return false;
        }
    }

    static long delete(ConntrackService s, Selection sel, Consumer<ConntrackEntry> shown) {
        if (shown == null && !sel.hasExtra()) {
            return s.deleteMatching(sel.filter());
        }
        List<ConntrackEntry> chosen = new ArrayList<>();
        s.forEach(sel.filter(), e -> {
            if (sel.matches(e)) {
                chosen.add(e);
            }
        });
        if (chosen.isEmpty()) {
            return 0;
        }
        DeleteResult r = s.delete(chosen);
        if (!r.failures().isEmpty()) {
            throw new CommandFailed(r.deleted() + " deleted, " + r.failed() + " failed, first: "
                    + r.failures().get(0));
        }
        if (shown != null) {
            chosen.forEach(shown);
        }
        return r.deleted();
    }

    /** Applies the change to every selected entry the change would alter, as the tool's -U. */
    static BulkResult update(ConntrackService s, Selection sel, ConntrackChange change) {
        if (!sel.hasExtra()) {
            return s.update(sel.filter(), change);
        }
        List<ConntrackUpdate> updates = new ArrayList<>();
        s.forEach(sel.filter(), e -> {
            if (sel.matches(e) && change.changes(e)) {
                updates.add(updateOf(e, change));
            }
        });
        return updates.isEmpty() ? new BulkResult(0, List.of()) : s.update(updates);
    }

    /** The one-entry update that gives {@code e} what the change asks for. */
    private static ConntrackUpdate updateOf(ConntrackEntry e, ConntrackChange c) {
        ConntrackUpdate.Builder u = ConntrackUpdate.of(e.original(), e.zone());
        if (c.mark() != null) {
            u.mark(c.markOf(e.mark()));
        }
        if (c.timeout() != null) {
            u.timeout(c.timeout());
        }
        if (!c.status().isEmpty()) {
            Set<io.jconntrack.api.StatusFlag> status = e.status();
            status.addAll(c.status());
            u.status(status);
        }
        if (!c.labelsToSet().isEmpty() || !c.labelsToClear().isEmpty()) {
            Set<Integer> labels = new TreeSet<>(e.labels());
            labels.addAll(c.labelsToSet());
            labels.removeAll(c.labelsToClear());
            u.labels(labels);
        }
        return u.build();
    }

    /** One line for a bulk failure list: the count and the first failure. */
    static String failures(List<Failure> failures) {
        return failures.size() + " failed, first: " + failures.get(0);
    }
}
