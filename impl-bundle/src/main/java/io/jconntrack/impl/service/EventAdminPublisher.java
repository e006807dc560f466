package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts conntrack events of the service's namespace on the OSGi Event Admin, topics
 * {@code io/jconntrack/conntrack/NEW|UPDATE|DESTROY}, so bundles can listen without a subscription.
 *
 * <p>The Event Admin is optional: the component is active without one (a controller such as OpenDaylight runs none,
 * and a mandatory reference left the bundle {@code Waiting}), and subscribes to the kernel's events only while one is
 * bound; one that appears later is bound then, one that goes away ends the subscription. Event Admin's types are named
 * only in {@link EventAdminPosting}, loaded once a service is bound: this class loads, and SCR can introspect it,
 * in a container where {@code org.osgi.service.event} is not wired to the bundle (its import is optional).
 */
@Component(immediate = true, service = {}, configurationPid = "io.jconntrack.eventadmin",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EventAdminPublisher.Config.class)
public final class EventAdminPublisher {
    public static final String TOPIC_PREFIX = "io/jconntrack/conntrack/";
    private static final Logger LOG = LoggerFactory.getLogger(EventAdminPublisher.class);

    /** Which event types are published. */
    @ObjectClassDefinition(name = "jconntrack Event Admin bridge")
    public @interface Config {
        @AttributeDefinition(description = "Event types to publish: NEW, UPDATE, DESTROY")
        String[] eventTypes() default {"NEW", "UPDATE", "DESTROY"};
    }

    private final ConntrackService conntrack;
    private final Set<EventType> types;
    private final BundleContext context;
    private ServiceReference<?> bound;          // guarded by this
    private Subscription subscription;          // guarded by this

    @Activate
    public EventAdminPublisher(@Reference(target = ConntrackNodes.LOCAL_TARGET) ConntrackService conntrack,
                               Config config, BundleContext context) {
        this.conntrack = conntrack;
        this.context = context;
        Set<EventType> t = EnumSet.noneOf(EventType.class);
        for (String s : config.eventTypes()) {
            t.add(EventType.parse(s));
        }
        this.types = t;
    }

    /** Greedy: a better-ranked Event Admin that appears replaces the one bound (bound first, then unbound). */
    @Reference(name = "eventAdmin", service = EventAdmin.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindEventAdmin")
    synchronized void bindEventAdmin(ServiceReference<?> reference) {
        closeSubscription();
        Object service = context.getService(reference);
        if (service == null) {
            return;
        }
        bound = reference;
        EventAdminPosting posting;
        try {
            posting = new EventAdminPosting(service);
        } catch (NoClassDefFoundError e) {
            // An Event Admin registered while org.osgi.service.event is not wired to this bundle (its optional import
            // was unresolved when the bundle resolved): a refresh of the bundle wires it.
            closeSubscription();
            LOG.warn("jconntrack: an Event Admin appeared but org.osgi.service.event is not wired to bundle {}: "
                    + "refresh it (bundle:refresh {}) to publish conntrack events",
                    context.getBundle().getSymbolicName(), context.getBundle().getBundleId());
            return;
        }
        subscription = conntrack.subscribe(EventFilter.of(types, ConntrackFilter.ALL), posting);
        LOG.info("jconntrack: publishing {} events on Event Admin under {}*", types, TOPIC_PREFIX);
    }

    synchronized void unbindEventAdmin(ServiceReference<?> reference) {
        if (reference.equals(bound)) {
            closeSubscription();
            LOG.info("jconntrack: no Event Admin any more; conntrack events are not published until one appears");
        }
    }

    @Deactivate
    public synchronized void deactivate() {
        closeSubscription();
    }

    private void closeSubscription() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (bound != null) {
            context.ungetService(bound);
            bound = null;
        }
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
