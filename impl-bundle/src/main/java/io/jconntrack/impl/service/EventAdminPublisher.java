package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts conntrack events of the service's namespace on the OSGi Event Admin, topics
 * {@code io/jconntrack/conntrack/NEW|UPDATE|DESTROY}, so bundles can listen without a subscription. Active only
 * while an Event Admin exists (the package import is optional, the reference mandatory).
 */
@Component(immediate = true, configurationPid = "io.jconntrack.eventadmin",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EventAdminPublisher.Config.class)
public final class EventAdminPublisher implements ConntrackListener {
    public static final String TOPIC_PREFIX = "io/jconntrack/conntrack/";
    private static final Logger LOG = LoggerFactory.getLogger(EventAdminPublisher.class);

    /** Which event types are published. */
    @ObjectClassDefinition(name = "jconntrack Event Admin bridge")
    public @interface Config {
        @AttributeDefinition(description = "Event types to publish: NEW, UPDATE, DESTROY")
        String[] eventTypes() default {"NEW", "UPDATE", "DESTROY"};
    }

    private final EventAdmin eventAdmin;
    private final Subscription subscription;

    @Activate
    public EventAdminPublisher(@Reference(target = ConntrackNodes.LOCAL_TARGET) ConntrackService conntrack, @Reference EventAdmin eventAdmin,
                               Config config) {
        this.eventAdmin = eventAdmin;
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String t : config.eventTypes()) {
            types.add(EventType.parse(t));
        }
        this.subscription = conntrack.subscribe(EventFilter.of(types, io.jconntrack.api.ConntrackFilter.ALL), this);
        LOG.info("jconntrack: publishing {} events on Event Admin under {}*", types, TOPIC_PREFIX);
    }

    @Deactivate
    public void deactivate() {
        subscription.close();
    }

    @Override
    public void onEvent(ConntrackEvent event) {
        eventAdmin.postEvent(new Event(TOPIC_PREFIX + event.type(), properties(event)));
    }

    @Override
    public void onOverflow(long overflows) {
        LOG.warn("jconntrack: conntrack events were lost (overflow {}); Event Admin listeners missed some", overflows);
    }

    @Override
    public void onError(ConntrackException error) {
        LOG.warn("jconntrack: the Event Admin bridge stopped: {}", error.getMessage());
    }

    /** Plain properties for filters ({@code (zone=5)}), plus the entry itself. */
    static Map<String, Object> properties(ConntrackEvent event) {
        ConntrackEntry e = event.entry();
        Map<String, Object> p = new HashMap<>();
        p.put("type", event.type().name());
        p.put("entry", e);
        p.put("family", e.family().label());
        p.put("protocol", e.protocol().name());
        p.put("src", e.original().source().getHostAddress());
        p.put("dst", e.original().destination().getHostAddress());
        if (e.protocol().hasPorts()) {
            p.put("sport", e.original().sourcePort());
            p.put("dport", e.original().destinationPort());
        }
        p.put("zone", e.zone());
        p.put("mark", e.mark());
        p.put("id", e.id());
        return p;
    }
}
