package io.jconntrack.impl.cleanup;

import io.jconntrack.api.CleanupResult;
import io.jconntrack.api.ConntrackCleaner;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Device;
import io.jconntrack.api.SecurityGroupRule;
import java.net.InetAddress;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the {@link ConntrackCleaner}; its worker thread lives from activation to deactivation. */
@Component(service = ConntrackCleaner.class)
public final class ConntrackCleanerComponent implements ConntrackCleaner {
    private final CleanupWorker worker;

    @Activate
    public ConntrackCleanerComponent(@Reference ConntrackService conntrack) {
        this.worker = new CleanupWorker(conntrack);
    }

    @Deactivate
    public void deactivate() {
        worker.close();
    }

    @Override
    public CompletionStage<CleanupResult> deleteRuleState(SecurityGroupRule rule, Collection<Device> devices) {
        return worker.deleteRuleState(rule, devices);
    }

    @Override
    public CompletionStage<CleanupResult> deleteRemoteState(Collection<Device> devices,
                                                            Collection<InetAddress> remotes, Long mark) {
        return worker.deleteRemoteState(devices, remotes, mark);
    }

    @Override
    public CompletionStage<CleanupResult> deleteZoneState(int zone) {
        return worker.deleteZoneState(zone);
    }

    @Override
    public ConntrackCleaner inNamespace(String netns) {
        return worker.inNamespace(netns);
    }
}
