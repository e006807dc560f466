package io.jconntrack.shell.options;

/**
 * The tool's commands on the conntrack table and which options each takes: {@code commands_v_options} of
 * conntrack-tools 1.4.7 ({@code conntrack.c}), one digit per column {@value #COLUMNS}: 0 illegal, 1 compulsory,
 * 2 optional, 3 "one of the tuple pairs" (checked by {@link ToolRequest}).
 */
public enum ToolCommand {
    LIST('L', "22222022022202222202220022", "shown"),
    CREATE('I', "33331120000200220000202022", "created"),
    UPDATE('U', "22222220022222222000022200", "updated"),
    DELETE('D', "22222220022222222000220022", "deleted"),
    GET('G', "33331000000020002000020000", "shown"),
    FLUSH('F', "00000000000002000000000000", null),
    EVENT('E', "22222000222202222222220022", "shown"),
    ADD('A', "33331120000200220000202022", "added");

    /** The tool's column order; the table above follows it. Columns of expectation options are left out. */
    static final String COLUMNS = "sdrqptuze{}mifngocbjwl<>()";

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
        return count + (this == EVENT ? " flow events have been " : " flow entries have been ") + pastTense + ".";
    }

    public static ToolCommand of(char letter) {
        for (ToolCommand c : values()) {
            if (c.letter == letter) {
                return c;
            }
        }
        return null;
    }
}
