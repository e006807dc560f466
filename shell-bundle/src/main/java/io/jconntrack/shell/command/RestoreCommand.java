package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Applies commands in the tool's own syntax, one per line ({@code conntrack -R}): {@code -I}, {@code -A},
 * {@code -U}, {@code -D}, {@code -F}, with or without a leading {@code conntrack}; {@code -n} is {@code --src-nat}
 * here, as in the tool. Blank lines and {@code #} comments are skipped. Reads FILE, or standard input when FILE is
 * absent or {@code -} (in a Karaf pipe: {@code cat FILE | conntrack:restore}).
 *
 * <p>As the tool, every line is read before any is applied: one line it cannot read rejects the whole input and
 * nothing changes. Then each line is applied in order, consecutive creations pipelined in one batch; a line the
 * kernel refuses is reported with its number and the others still run, and the command fails at the end. As the
 * tool's {@code -R}, a delete or update that selects nothing is not a failure.
 */
@Command(scope = "conntrack", name = "restore", description = "Applies conntrack -I/-A/-U/-D/-F lines from a file "
        + "or standard input, like conntrack -R")
@Service
public class RestoreCommand extends ConntrackAction {
    /** The tool's name for standard input. */
    static final String STDIN = "-";

    @Argument(name = "file", description = "File with one command per line; standard input when absent or -")
    String file;

    @Override
    protected Object run() {
        List<String> lines = read();
        RestoreLines parsed = RestoreLines.parse(lines);
        ConntrackService s = service(netns);
        List<String> failures = new RestoreRunner(s).run(parsed.requests());
        for (String f : failures) {
            out().println(f);
        }
        if (!failures.isEmpty()) {
            throw new CommandFailed("restore: " + failures.size() + " of " + parsed.requests().size()
                    + " lines failed (first: " + failures.get(0) + ")" + inNamespace(netns));
        }
        out().println(parsed.requests().size() + " lines applied.");
        return null;
    }

    private List<String> read() {
        try (Reader r = file == null || STDIN.equals(file)
                ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(r)) {
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalArgumentException("file: cannot read " + (file == null ? "standard input" : file)
                    + ": " + e.getMessage(), e);
        }
    }
}
