package io.jconntrack.shell.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One command in the tool's language once its words are split into options: the command, each option given with
 * its value ({@code null} for an option without one) and, on the console, the namespace. A later value of the same
 * option replaces an earlier one, as in the tool, except labels, which add up ({@code -l a -l b}).
 */
public final class ToolArgs {
    private ToolCommand command;
    private final Map<ToolOption, String> values = new EnumMap<>(ToolOption.class);
    private final Map<ToolOption, List<String>> labels = new EnumMap<>(ToolOption.class);
    private String netns;

    public ToolArgs() {
    }

    public ToolArgs(ToolCommand command) {
        this.command = command;
    }

    public ToolCommand command() {
        return command;
    }

    /** Sets the command; a second one is refused, as the tool refuses {@code -L -D}. */
    public void command(ToolCommand c) {
        if (command != null && command != c) {
            throw new IllegalArgumentException("-" + c.letter() + ": Invalid commands combination (already -"
                    + command.letter() + ")");
        }
        command = c;
    }

    /** Records an option; {@code value} is null for options given without one. */
    public ToolArgs put(ToolOption option, String value) {
        if (option == ToolOption.LABEL || option == ToolOption.LABEL_ADD || option == ToolOption.LABEL_DEL) {
            List<String> l = labels.computeIfAbsent(option, o -> new ArrayList<>());
            if (value != null) {
                l.add(value);
            }
            if (has(ToolOption.LABEL_ADD) && option == ToolOption.LABEL_DEL
                    || has(ToolOption.LABEL_DEL) && option == ToolOption.LABEL_ADD) {
                throw new IllegalArgumentException("--label-add/--label-del: cannot use --label-add and "
                        + "--label-del at the same time");
            }
        }
        values.put(option, value);
        return this;
    }

    /** Records an option given on the console as a field: absent when null. */
    public ToolArgs putIfGiven(ToolOption option, String value) {
        return value == null ? this : put(option, value);
    }

    /** Records an option without a value (a flag, or an optional argument left out) when set. */
    public ToolArgs flag(ToolOption option, boolean given) {
        return given ? put(option, null) : this;
    }

    public boolean has(ToolOption option) {
        return values.containsKey(option);
    }

    /** The value, or null when the option is absent or was given without one. */
    public String get(ToolOption option) {
        return values.get(option);
    }

    /** Every value given to a label option, in order. */
    public List<String> labels(ToolOption option) {
        return labels.getOrDefault(option, Collections.emptyList());
    }

    public java.util.Set<ToolOption> options() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public String netns() {
        return netns;
    }

    public void netns(String namespace) {
        this.netns = namespace;
    }
}
