package io.jconntrack.shell.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.junit.Test;

/**
 * The Karaf {@code @Option} declarations of the {@code conntrack:*} table commands against the tool's option table
 * ({@link ToolCommand}'s rows, {@link ToolOption}'s names), read by reflection: every option the tool takes with a
 * command's {@link ToolCommand} is declared on the command's class under the tool's names, and every declared option
 * that carries a tool option's name carries all of that option's names and no other. Options after the table word
 * ({@code conntrack:create expect --tuple-src ...}) are read by {@code ToolSyntax}, so the expectation rows are not
 * the console's declarations. A long name may be an abbreviation getopt_long takes ({@code --proto}).
 */
public class OptionDeclarationsTest {
    /** Where the console differs on purpose, and why; any other difference fails. */
    private static final Map<String, String> ON_PURPOSE = Map.of(
            "CountCommand OUTPUT", "count selects as -L does but prints a number (the tool's -C takes no option)",
            "CountCommand ZERO", "count selects as -L does but prints a number (the tool's -C takes no option)",
            "UpdateCommand OUTPUT", "update prints the tool's summary line, not the updated entries",
            "EventsCommand TIMEOUT", "events --timeout is the seconds to run; the tool takes no -t with -E");

    /** The names the console gives a tool option: the tool's, but {@code -n}, which is the console's namespace. */
    static Set<String> consoleNames(ToolOption o) {
        Set<String> names = new TreeSet<>();
        if (o.shortName() != 0 && o.shortName() != 'n') {
            names.add("-" + o.shortName());
        }
        o.longNames().forEach(n -> names.add("--" + n));
        return names;
    }

    /** A long name getopt_long takes for the option: one of its names or an unambiguous start of one. */
    static boolean abbreviates(String name, ToolOption o) {
        return o.longNames().stream().anyMatch(n -> ("--" + n).startsWith(name))
                && java.util.Arrays.stream(ToolOption.values()).filter(other -> other != o)
                .flatMap(other -> other.longNames().stream()).noneMatch(n -> ("--" + n).startsWith(name));
    }

    /** Every name of every {@code @Option} of the class and its superclasses, to the names it is declared with. */
    static Map<String, Set<String>> declared(Class<?> command) {
        Map<String, Set<String>> byName = new HashMap<>();
        for (Class<?> c = command; c != Object.class; c = c.getSuperclass()) {
            for (var field : c.getDeclaredFields()) {
                Option o = field.getAnnotation(Option.class);
                if (o == null) {
                    continue;
                }
                Set<String> names = new TreeSet<>(List.of(o.aliases()));
                names.add(o.name());
                names.forEach(n -> byName.putIfAbsent(n, names)); // a subclass's declaration hides its parent's
            }
        }
        return byName;
    }

    /** The concrete {@code @Command} classes of this package that take the tool's table options. */
    static List<Class<? extends TableAction>> tableCommands() throws Exception {
        Path dir = Paths.get(TableAction.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(TableAction.class.getPackageName().replace('.', '/'));
        List<Class<? extends TableAction>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName(TableAction.class.getPackageName() + "."
                        + file.substring(0, file.length() - ".class".length()));
                if (TableAction.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())
                        && c.isAnnotationPresent(Command.class)) {
                    out.add(c.asSubclass(TableAction.class));
                }
            }
        }
        return out;
    }

    /** Whether the tool takes the option with the command (compulsory, optional or one of the tuple pairs). */
    static boolean takes(ToolCommand command, ToolOption option) throws Exception {
        Method rule = ToolCommand.class.getDeclaredMethod("rule", ToolOption.class);
        rule.setAccessible(true);
        return (int) rule.invoke(command, option) != 0;
    }

    static List<String> disagreements(Class<? extends TableAction> command) throws Exception {
        ToolCommand tool = command.getDeclaredConstructor().newInstance().toolCommand();
        Map<String, Set<String>> declared = declared(command);
        List<String> out = new ArrayList<>();
        for (ToolOption o : ToolOption.values()) {
            Set<String> expected = consoleNames(o);
            Set<String> found = new TreeSet<>();
            expected.stream().map(declared::get).filter(java.util.Objects::nonNull).forEach(found::addAll);
            found.removeIf(n -> !expected.contains(n) && n.startsWith("--") && abbreviates(n, o));
            if (ON_PURPOSE.containsKey(command.getSimpleName() + " " + o)) {
                continue;
            }
            if (!found.isEmpty() && !found.equals(expected)) {
                out.add(o + " is declared as " + found + ", the tool names it " + expected);
            } else if (found.isEmpty() && !o.isProtocolOption() && takes(tool, o)) {
                out.add(o + " is taken by the tool's " + tool + " but not declared " + expected);
            }
        }
        return out;
    }

    @Test
    public void theCommandsDeclareTheToolsOptionsUnderTheToolsNames() throws Exception {
        List<Class<? extends TableAction>> commands = tableCommands();
        assertTrue("table commands found: " + commands, commands.size() >= 9);
        List<String> all = new ArrayList<>();
        for (Class<? extends TableAction> c : commands) {
            disagreements(c).forEach(d -> all.add(c.getSimpleName() + ": " + d));
        }
        assertEquals(List.of(), all);
    }

    /** The check can fail: a declaration with a name the tool does not give the option is found. */
    @Test
    public void aDeclarationUnderAnotherNameIsFound() throws Exception {
        Map<String, Set<String>> declared = declared(Renamed.class);
        assertEquals(Set.of("-w", "--zone", "--zones"), declared.get("-w"));
        assertEquals(List.of("ZONE is declared as [--zone, --zones, -w], the tool names it [--zone, -w]"),
                disagreements(Renamed.class).stream().filter(d -> d.startsWith("ZONE")).toList());
    }

    /** A list command whose zone option also answers to a name the tool does not know. */
    @Command(scope = "test", name = "renamed")
    public static class Renamed extends ListCommand {
        @Option(name = "-w", aliases = {"--zone", "--zones"})
        String zone;
    }
}
