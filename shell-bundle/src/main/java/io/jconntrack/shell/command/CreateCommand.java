package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import io.jconntrack.shell.completer.StatusCompleter;
import io.jconntrack.shell.completer.TcpStateCompleter;
import io.jconntrack.shell.format.ConntrackLineFormat;
import io.jconntrack.shell.options.OptionValues;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Creates one entry ({@code conntrack -I}); the reply tuple is the inverse of the original. */
@Command(scope = "conntrack", name = "create", description = "Creates a connection-tracking entry")
@Service
public class CreateCommand extends TupleAction {

    @Option(name = "-t", aliases = "--timeout", description = "Timeout in seconds", required = true)
    String timeout;

    @Option(name = "-m", aliases = "--mark", description = "Mark, decimal or 0x hex")
    String mark;

    @Option(name = "--state", description = "TCP state, e.g. ESTABLISHED")
    @Completion(TcpStateCompleter.class)
    String state;

    @Option(name = "-u", aliases = "--status", description = "Status flags, e.g. ASSURED,SEEN_REPLY")
    @Completion(StatusCompleter.class)
    String status;

    @Override
    protected Object run() {
        Tuple t = tuple();
        ConntrackEntry.Builder b = ConntrackEntry.builder(t).zone(zoneOrDefault());
        if (timeout == null) {
            throw new IllegalArgumentException("-t/--timeout: is required");
        }
        b.timeout(OptionValues.number("--timeout", timeout, 0, OptionValues.MAX_U32));
        if (mark != null) {
            if (mark.indexOf('/') >= 0) {
                throw new IllegalArgumentException("--mark: '" + mark + "': a mask does not apply to create");
            }
            b.mark(OptionValues.decimalOrHex("--mark", mark, OptionValues.MAX_U32));
        }
        if (state != null) {
            if (!t.protocol().equals(Protocol.TCP)) {
                throw new IllegalArgumentException("--state: '" + state + "' is a TCP state; it does not apply to "
                        + "--proto " + t.protocol());
            }
            b.tcpState(OptionValues.tcpState("--state", state));
        }
        if (status != null) {
            b.status(OptionValues.status("--status", status));
        }
        ConntrackEntry e;
        try {
            e = b.build();
        } catch (IllegalArgumentException ex) {
            // e.g. an ICMP type without a reply type: the inverse tuple cannot be derived
            throw OptionValues.renamed(ex.getMessage().startsWith("icmpType") ? "--icmp-type" : "create", ex);
        }
        service(netns).create(e);
        System.out.println("Created " + ConntrackLineFormat.tupleText(t) + " zone=" + e.zone() + inNamespace(netns));
        return null;
    }
}
