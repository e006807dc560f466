package io.jconntrack.shell.command;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Failure;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies restore lines in order. Runs of {@code -I} lines go to the kernel as one pipelined batch; the others one
 * by one (a delete or update may depend on the lines before it). Returns one message per failed line.
 */
final class RestoreRunner {
    private final ConntrackService service;
    private final List<String> failures = new ArrayList<>();
    private final List<RestoreLines.Numbered> pendingCreates = new ArrayList<>();

    RestoreRunner(ConntrackService service) {
        this.service = service;
    }

    List<String> run(List<RestoreLines.Numbered> lines) {
        for (RestoreLines.Numbered n : lines) {
            if (n.request().command() == ToolCommand.CREATE) {
                pendingCreates.add(n);
                continue;
            }
            flushCreates();
            try {
                apply(n.request());
            } catch (IllegalArgumentException | ConntrackException | CommandFailed e) {
                failures.add("line " + n.line() + ": " + e.getMessage());
            }
        }
        flushCreates();
        return failures;
    }

    private void apply(ToolRequest r) {
        switch (r.command()) {
            case ADD:
                ToolExecutor.add(service, r.entry());
                break;
            case DELETE:
                // The tool does not count in -R mode: deleting nothing is not a failure.
                ToolExecutor.delete(service, r.selection(), null);
                break;
            case UPDATE:
                BulkResult u = ToolExecutor.update(service, r.selection(), r.change());
                if (!u.failures().isEmpty()) {
                    throw new CommandFailed(ToolExecutor.failures(u.failures()));
                }
                break;
            case FLUSH:
                if (r.family() == null) {
                    service.flush();
                } else {
                    service.deleteMatching(ConntrackFilter.builder().family(r.family()).build());
                }
                break;
            default:
                throw new IllegalArgumentException("Cannot use command `-" + r.command().letter() + "' with restore");
        }
    }

    private static String key(io.jconntrack.api.Tuple t, int zone) {
        return t + " zone=" + zone;
    }

    /** Creates the queued entries in one batch and maps each failure back to its line. */
    private void flushCreates() {
        if (pendingCreates.isEmpty()) {
            return;
        }
        List<ConntrackEntry> entries = new ArrayList<>();
        Map<String, List<Integer>> linesOf = new HashMap<>();
        for (RestoreLines.Numbered n : pendingCreates) {
            try {
                ConntrackEntry e = n.request().entry();
                entries.add(e);
                linesOf.computeIfAbsent(key(e.original(), e.zone()), k -> new ArrayList<>()).add(n.line());
            } catch (IllegalArgumentException ex) {
                failures.add("line " + n.line() + ": " + ex.getMessage());
            }
        }
        pendingCreates.clear();
        if (entries.isEmpty()) {
            return;
        }
        try {
            BulkResult r = service.create(entries);
            Map<String, Integer> failedOf = new HashMap<>();
            for (Failure f : r.failures()) {
                failedOf.merge(key(f.tuple(), f.zone()), 1, Integer::sum);
            }
            for (Failure f : r.failures()) {
                // The same entry on several lines: the first may succeed, so the failures are the last lines.
                List<Integer> lines = linesOf.getOrDefault(key(f.tuple(), f.zone()), List.of());
                int failed = failedOf.merge(key(f.tuple(), f.zone()), -1, Integer::sum);
                Object line = lines.isEmpty() ? "?" : lines.get(Math.max(0, lines.size() - 1 - failed));
                failures.add("line " + line + ": create failed: " + f.errno() + " " + f.message());
            }
        } catch (ConntrackException e) {
            failures.add("lines of the batch: " + e.getMessage());
        }
    }
}
