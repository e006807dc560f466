package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Tuple;
import io.jconntrack.shell.completer.StatusCompleter;
import io.jconntrack.shell.completer.TcpStateCompleter;
import io.jconntrack.shell.format.ConntrackLineFormat;
import io.jconntrack.shell.options.OptionValues;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Changes mark, timeout, status or TCP state of one entry ({@code conntrack -U} on one tuple). */
@Command(scope = "conntrack", name = "update", description = "Changes mark, timeout, status or TCP state of an entry")
@Service
public class UpdateCommand extends TupleAction {

    @Option(name = "-t", aliases = "--timeout", description = "New timeout in seconds")
    String timeout;

    @Option(name = "-m", aliases = "--mark", description = "New mark, decimal or 0x hex")
    String mark;

    @Option(name = "--state", description = "New TCP state, e.g. TIME_WAIT (TCP entries only)")
    @Completion(TcpStateCompleter.class)
    String state;

    @Option(name = "-u", aliases = "--status", description = "Status flags to set, e.g. ASSURED")
    @Completion(StatusCompleter.class)
    String status;

    @Override
    protected Object run() {
        Tuple t = tuple();
        ConntrackUpdate.Builder u = ConntrackUpdate.of(t, zoneOrDefault());
        if (timeout == null && mark == null && status == null && state == null) {
            throw new IllegalArgumentException("nothing to change; give -t/--timeout, -m/--mark, -u/--status or "
                    + "--state");
        }
        if (state != null) {
            if (!t.protocol().equals(io.jconntrack.api.Protocol.TCP)) {
                throw new IllegalArgumentException("--state: '" + state + "' needs -p tcp, not " + t.protocol());
            }
            u.tcpState(OptionValues.tcpState("--state", state));
        }
        if (timeout != null) {
            u.timeout(OptionValues.number("--timeout", timeout, 0, OptionValues.MAX_U32));
        }
        if (mark != null) {
            if (mark.indexOf('/') >= 0) {
                throw new IllegalArgumentException("--mark: '" + mark + "': a mask does not apply to update");
            }
            u.mark(OptionValues.decimalOrHex("--mark", mark, OptionValues.MAX_U32));
        }
        if (status != null) {
            u.status(OptionValues.status("--status", status));
        }
        ConntrackUpdate update = u.build();
        service(netns).update(update);
        System.out.println("Updated " + ConntrackLineFormat.tupleText(t) + " zone=" + update.zone()
                + inNamespace(netns));
        return null;
    }
}
