package io.jconntrack.shell.completer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Names of the namespaces made by {@code ip netns add}: the entries of {@code /var/run/netns}, read directly. */
@Service
public class NetnsCompleter implements Completer {
    static final Path DEFAULT_DIRECTORY = Paths.get("/var/run/netns");

    Path directory = DEFAULT_DIRECTORY;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(names(directory)).complete(session, commandLine, candidates);
    }

    /** Sorted names; none when the directory is missing or unreadable (no namespace was ever added). */
    static List<String> names(Path directory) {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
