package io.jconntrack.impl.cleanup;

import io.jconntrack.api.ConntrackCleaner;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the {@link ConntrackCleaner}: the component is the root cleaner, its worker lives until deactivation. */
@Component(service = ConntrackCleaner.class)
public final class ConntrackCleanerComponent extends CleanupWorker {
    @Activate
    public ConntrackCleanerComponent(@Reference(target = ConntrackNodes.LOCAL_TARGET) ConntrackService conntrack) {
        super(conntrack);
    }

    @Deactivate
    public void deactivate() {
        close();
    }
}
