package io.jconntrack.impl.kernel;

import io.jconntrack.api.ConntrackService;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.contract.ConntrackServiceContract;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/** The local service against the real kernel: the service contract (the remote one passes it too, in itests). */
public class ConntrackServiceKernelTest extends ConntrackServiceContract {
    private static NetlinkConntrackService root;

    @BeforeClass
    public static void open() {
        root = Conntrack.open();
    }

    @AfterClass
    public static void close() {
        if (root != null) {
            root.close();
        }
    }

    @Override
    protected ConntrackService root() {
        return root;
    }
}
