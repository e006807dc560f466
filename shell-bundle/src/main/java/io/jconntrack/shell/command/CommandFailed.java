package io.jconntrack.shell.command;

/**
 * A command that ran and did not do what was asked, as the tool counts it: a delete, update or get that selected
 * nothing, a restore with failed lines. Reported by Karaf as a failed command.
 */
final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailed(String message) {
        super(message, null, false, false);
    }
}
