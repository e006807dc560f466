package io.jconntrack.shell.options;

/**
 * The tool's commands on the conntrack table and which options each takes: {@code commands_v_options} of
 * conntrack-tools 1.4.7 ({@code conntrack.c}), one digit per column {@value #COLUMNS}: 0 illegal, 1 compulsory,
 * 2 optional, 3 "one of the tuple pairs" (checked by {@link ToolRequest}).
 */
public enum ToolCommand {
    LIST('L', "2222202200022202222202220022", "shown"),
    CREATE('I', "3333112000000200220000202022", "created"),
    UPDATE('U', "2222222000022222222000022200", "updated"),
    DELETE('D', "2222222000022222222000220022", "deleted"),
    GET('G', "3333100000000020002000020000", "shown"),
    FLUSH('F', "0000000000000002000000000000", null),
    EVENT('E', "2222200020022202222222220022", "shown"),
    ADD('A', "3333112000000200220000202022", "added"),
    // The expectation table's (-L expect, ...): the EXP_* rows of commands_v_options.
    EXP_LIST('L', "0000000000000002002000000000", "shown"),
    EXP_CREATE('I', "1122112001111000000000000000", null),
    EXP_DELETE('D', "1122100000000000000000000000", null),
    EXP_GET('G', "1122100000000000000000000000", "shown"),
    EXP_FLUSH('F', "0000000000000000000000000000", null),
    EXP_EVENT('E', "0000000000000000002000000000", "shown"),
    // conntrack:flush: the tool's -F and also -w, one zone flushed (the tool deletes a zone with -D -w instead).
    // After FLUSH, so that a restore line's -F is the tool's.
    CONSOLE_FLUSH('F', "0000000000000002000000200000", null);

    /** The tool's column order; the table above follows it. The deprecated {@code -a} (nat-range) is left out. */
    static final String COLUMNS = "sdrqptuze[]{}mifngocbjwl<>()";

    private final char letter;
    private final String row;
    private final String pastTense;

    ToolCommand(char letter, String row, String pastTense) {
        this.letter = letter;
        this.row = row;
        this.pastTense = pastTense;
    }

    public char letter() {
        return letter;
    }

    /** 0 illegal, 1 compulsory, 2 optional, 3 one of the tuple pairs; protocol options are checked elsewhere. */
    int rule(ToolOption option) {
        int i = COLUMNS.indexOf(option.column());
        return i < 0 ? 0 : row.charAt(i) - '0';
    }

    /** The tool's closing line, e.g. {@code 2 flow entries have been deleted.} */
    public String summary(long count) {
        if (this == EXP_EVENT) {
            return count + " expectation events have been shown.";
        }
        if (isExpectation()) {
            return count + " expectations have been " + pastTense + ".";
        }
        return count + (this == EVENT ? " flow events have been " : " flow entries have been ") + pastTense + ".";
    }

    /** Whether this is a command on the expectation table. */
    public boolean isExpectation() {
        return name().startsWith("EXP_");
    }

    /** The same command on the expectation table ({@code -L expect}), or null when the tool has none. */
    public ToolCommand onExpectations() {
        switch (this) {
            case LIST: return EXP_LIST;
            case CREATE: return EXP_CREATE;
            case DELETE: return EXP_DELETE;
            case GET: return EXP_GET;
            case FLUSH:
            case CONSOLE_FLUSH:
                return EXP_FLUSH;
            case EVENT: return EXP_EVENT;
            default: return null;
        }
    }

    /** The command of the conntrack table with this letter. */
    public static ToolCommand of(char letter) {
        for (ToolCommand c : values()) {
            if (c.letter == letter && !c.isExpectation()) {
                return c;
            }
        }
        return null;
    }
}
