package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolRequest;
import io.jconntrack.shell.options.ToolSyntax;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Restore input read and checked: each command line with its line number, or every error with its own. */
record RestoreLines(List<Numbered> requests) {
    /** The commands the tool accepts in {@code -R} input. */
    private static final Set<ToolCommand> ALLOWED = EnumSet.of(ToolCommand.CREATE, ToolCommand.ADD,
            ToolCommand.UPDATE, ToolCommand.DELETE, ToolCommand.FLUSH);
    /** How many line errors the failure message names; the rest are counted. */
    private static final int ERRORS_SHOWN = 5;

    /** One command and where it came from. */
    record Numbered(int line, ToolRequest request) {
    }

    /** Reads every line; refuses the whole input, naming lines, when any cannot be read (nothing is applied). */
    static RestoreLines parse(List<String> lines) {
        List<Numbered> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            // Blank lines and comments are skipped, as the tool's reader does.
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                ToolArgs a = ToolSyntax.parseLine(line);
                if (!ALLOWED.contains(a.command())) {
                    throw new IllegalArgumentException("Cannot use command `-" + a.command().letter()
                            + "' with restore");
                }
                out.add(new Numbered(i + 1, ToolRequest.of(a)));
            } catch (IllegalArgumentException e) {
                errors.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            String shown = String.join("; ", errors.subList(0, Math.min(ERRORS_SHOWN, errors.size())));
            throw new IllegalArgumentException("restore: nothing applied, " + errors.size() + " line(s) not "
                    + "understood: " + shown + (errors.size() > ERRORS_SHOWN ? "; ..." : ""));
        }
        return new RestoreLines(out);
    }
}
