package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each conntrack event on one Event Admin. The only class of the bundle that names Event Admin's types: it is
 * loaded once {@link EventAdminPublisher} has a service to give it, so the publisher loads without the package.
 */
final class EventAdminPosting implements ConntrackListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventAdminPosting.class);

    private final EventAdmin eventAdmin;

    /** @throws NoClassDefFoundError when {@code org.osgi.service.event} is not wired to this bundle */
    EventAdminPosting(Object eventAdmin) {
        this.eventAdmin = (EventAdmin) eventAdmin;
    }

    @Override
    public void onEvent(ConntrackEvent event) {
        eventAdmin.postEvent(new Event(EventAdminPublisher.TOPIC_PREFIX + event.type(),
                EventAdminPublisher.properties(event)));
    }

    @Override
    public void onOverflow(long overflows) {
        LOG.warn("jconntrack: conntrack events were lost (overflow {}); Event Admin listeners missed some", overflows);
    }

    @Override
    public void onError(ConntrackException error) {
        LOG.warn("jconntrack: the Event Admin bridge stopped: {}", error.getMessage());
    }
}
