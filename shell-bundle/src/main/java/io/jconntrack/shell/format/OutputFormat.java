package io.jconntrack.shell.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The value of {@code -o/--output}: one of our formats ({@code table}, {@code json}), or the {@code conntrack}
 * tool's text ({@code conntrack}, with any of the tool's modifiers, which imply it) or its {@code save} lines.
 * Immutable.
 */
public final class OutputFormat {
    /** The kinds of output; {@link #CONNTRACK} alone takes {@link OutputModifier modifiers}. */
    public enum Kind {
        /** A Karaf {@code ShellTable}. */
        TABLE,
        /** Exactly as {@code conntrack -L} (with the modifiers, as {@code conntrack -L -o ...}). */
        CONNTRACK,
        /** One JSON object per line. */
        JSON,
        /** Exactly as {@code conntrack -L -o save}: lines that {@code conntrack -R} reads back. */
        SAVE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final OutputFormat TABLE = new OutputFormat(Kind.TABLE, EnumSet.noneOf(OutputModifier.class));
    public static final OutputFormat CONNTRACK = new OutputFormat(Kind.CONNTRACK,
            EnumSet.noneOf(OutputModifier.class));
    public static final OutputFormat JSON = new OutputFormat(Kind.JSON, EnumSet.noneOf(OutputModifier.class));
    public static final OutputFormat SAVE = new OutputFormat(Kind.SAVE, EnumSet.noneOf(OutputModifier.class));

    /** The tool's own output format that we do not write; refused with a pointer to ours. */
    private static final String XML = "xml";
    /**
     * The tool compares every {@code -o} item with these status names first (a leftover of its status parser) and
     * ignores a match with a warning, so {@code -o s} or {@code -o d} select nothing there; here they are refused.
     */
    private static final String[] TOOL_IGNORED = {"src_nat", "dst_nat"};
    /** What the tool says when {@code save} is combined with a modifier (conntrack.c, option {@code -o}). */
    static final String SAVE_ALONE = "cannot combine save output with any other output type, use -o save only";

    private final Kind kind;
    private final Set<OutputModifier> modifiers;

    private OutputFormat(Kind kind, EnumSet<OutputModifier> modifiers) {
        this.kind = kind;
        this.modifiers = Collections.unmodifiableSet(modifiers);
    }

    /** The conntrack text with these modifiers. */
    public static OutputFormat conntrack(OutputModifier... modifiers) {
        EnumSet<OutputModifier> set = EnumSet.noneOf(OutputModifier.class);
        Collections.addAll(set, modifiers);
        return new OutputFormat(Kind.CONNTRACK, set);
    }

    /**
     * Parses {@code -o}: {@code null} is the table; otherwise comma-separated items, each {@code table},
     * {@code json}, {@code conntrack}, {@code save} or a tool modifier ({@code extended}, {@code timestamp},
     * {@code id}, {@code ktimestamp}, {@code labels}, {@code userspace}; case-insensitive and, as the tool reads
     * them, abbreviated to any prefix). Unknown items and contradictions are refused with one line naming the
     * option and value.
     */
    public static OutputFormat parse(String option, String value) {
        if (value == null) {
            return TABLE;
        }
        Kind kind = null;
        EnumSet<OutputModifier> modifiers = EnumSet.noneOf(OutputModifier.class);
        for (String item : value.split(",", -1)) {
            String t = item.trim().toLowerCase(Locale.ROOT);
            Kind k = kindOf(option, value, t);
            OutputModifier m = k == null ? modifierOf(t) : null;
            if (k == null && m == null) {
                // save is tried last, as in the tool: "s" is not save there either.
                if (!Kind.SAVE.label().startsWith(t)) {
                    throw unknown(option, value, t);
                }
                k = Kind.SAVE;
            }
            if (m != null) {
                modifiers.add(m);
            } else if (kind != null && kind != k) {
                throw new IllegalArgumentException(option + ": '" + value + "': " + kind.label() + " and "
                        + k.label() + " exclude each other");
            } else {
                kind = k;
            }
        }
        // userspace changes nothing in the tool either, so it goes with any format.
        EnumSet<OutputModifier> effective = EnumSet.copyOf(modifiers);
        effective.remove(OutputModifier.USERSPACE);
        if (kind == Kind.SAVE && !effective.isEmpty()) {
            throw new IllegalArgumentException(option + ": '" + value + "': " + SAVE_ALONE);
        }
        if ((kind == Kind.TABLE || kind == Kind.JSON) && !effective.isEmpty()) {
            throw new IllegalArgumentException(option + ": '" + value + "': " + effective.iterator().next().label()
                    + " applies to the conntrack and save formats only, not to " + kind.label());
        }
        return new OutputFormat(kind == null ? Kind.CONNTRACK : kind, modifiers);
    }

    private static Kind kindOf(String option, String value, String item) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException(option + ": '" + value + "' has an empty item");
        }
        for (Kind k : new Kind[] {Kind.TABLE, Kind.JSON, Kind.CONNTRACK}) {
            if (k.label().equals(item)) {
                return k;
            }
        }
        for (String ignored : TOOL_IGNORED) {
            if (ignored.startsWith(item)) {
                throw unknown(option, value, item);
            }
        }
        if (XML.startsWith(item)) {
            throw new IllegalArgumentException(option + ": '" + value + "': xml output is not supported, use json");
        }
        return null;
    }

    /** The tool modifier that the item names or abbreviates, tried in the tool's order; null if none. */
    private static OutputModifier modifierOf(String item) {
        for (OutputModifier m : OutputModifier.values()) {
            if (m.label().startsWith(item)) {
                return m;
            }
        }
        return null;
    }

    private static IllegalArgumentException unknown(String option, String value, String item) {
        return new IllegalArgumentException(option + ": '" + value + "': '" + item + "' is not one of "
                + String.join(", ", names()));
    }

    public Kind kind() {
        return kind;
    }

    public boolean has(OutputModifier m) {
        return modifiers.contains(m);
    }

    public Set<OutputModifier> modifiers() {
        return modifiers;
    }

    /** The canonical text: the kind, then the modifiers in the tool's order, e.g. {@code conntrack,extended,id}. */
    public String label() {
        StringBuilder s = new StringBuilder(kind.label());
        for (OutputModifier m : modifiers) {
            s.append(',').append(m.label());
        }
        return s.toString();
    }

    /** The formats without modifiers, for completion. */
    public static OutputFormat[] values() {
        return new OutputFormat[] {TABLE, CONNTRACK, JSON, SAVE};
    }

    /** Every single item {@code -o} takes, for completion and messages. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Kind k : Kind.values()) {
            names.add(k.label());
        }
        for (OutputModifier m : OutputModifier.values()) {
            names.add(m.label());
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputFormat && ((OutputFormat) o).kind == kind
                && ((OutputFormat) o).modifiers.equals(modifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, modifiers);
    }

    @Override
    public String toString() {
        return label();
    }
}
