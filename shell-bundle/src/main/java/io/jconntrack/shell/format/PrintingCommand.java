package io.jconntrack.shell.format;

/**
 * The {@code conntrack} command whose printed entries a console command reproduces. conntrack-tools 1.4.7 prints
 * entries through different callbacks that honour different modifiers (measured against the tool): only
 * {@code -L} and {@code -G} add {@code [start=...]} for {@code ktimestamp}, {@code -D} never prints labels, and
 * {@code -o save} writes {@code -A} lines except for deletions.
 */
public enum PrintingCommand {
    /** {@code conntrack -L}. */
    LIST(SaveFormat.ADD, true, true),
    /** {@code conntrack -G}. */
    GET(SaveFormat.ADD, true, true),
    /** {@code conntrack -U}: the entries after the update. */
    UPDATE(SaveFormat.ADD, false, true),
    /** {@code conntrack -D}: the entries deleted. */
    DELETE(SaveFormat.DELETE, false, false);

    private final String saveCommand;
    private final boolean kernelTimestamps;
    private final boolean labels;

    PrintingCommand(String saveCommand, boolean kernelTimestamps, boolean labels) {
        this.saveCommand = saveCommand;
        this.kernelTimestamps = kernelTimestamps;
        this.labels = labels;
    }

    /** The command that {@code -o save} lines of this command start with. */
    public String saveCommand() {
        return saveCommand;
    }

    /** Whether {@code -o ktimestamp} adds {@code [start=...] [stop=...]}. */
    boolean kernelTimestamps() {
        return kernelTimestamps;
    }

    /** Whether labels are printed when the tool has a label map. */
    boolean labels() {
        return labels;
    }
}
