package io.jconntrack.shell.options;

import io.jconntrack.api.ConntrackTable;

/**
 * The tables the tool's commands work on, named as its first argument ({@code conntrack -L expect}): any prefix
 * of the name, tried in the tool's order ({@code check_type} in {@code conntrack.c}), so {@code e} is expect and
 * {@code d} dying.
 */
public enum ToolTable {
    EXPECT("expect"), CONNTRACK("conntrack"), DYING("dying"), UNCONFIRMED("unconfirmed");

    private final String word;

    ToolTable(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The table a word names, or null when it names none. */
    public static ToolTable of(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (ToolTable t : values()) {
            if (t.word.startsWith(text)) {
                return t;
            }
        }
        return null;
    }

    /** The table a word names; the tool's error otherwise. */
    public static ToolTable parse(String text) {
        ToolTable t = of(text);
        if (t == null) {
            throw new IllegalArgumentException("unknown type `" + text + "' (conntrack, expect, dying or "
                    + "unconfirmed)");
        }
        return t;
    }

    /** The kernel list a dump of this table reads; expect has none (it is another subsystem). */
    public ConntrackTable list() {
        switch (this) {
            case DYING: return ConntrackTable.DYING;
            case UNCONFIRMED: return ConntrackTable.UNCONFIRMED;
            case CONNTRACK: return ConntrackTable.CONNTRACK;
            default: throw new IllegalStateException("expect is not a conntrack list");
        }
    }

    /** The tool refuses every command but -L on the dying and unconfirmed lists. */
    public void requireListing(ToolCommand c) {
        if (c != ToolCommand.LIST) {
            requireTable();
        }
    }

    /** For commands that work on a table only, such as the tool's -C: refused for the dying and unconfirmed lists. */
    public void requireTable() {
        if (this == DYING || this == UNCONFIRMED) {
            throw new IllegalArgumentException("Can't do that command with tables `dying' and `unconfirmed'");
        }
    }
}
