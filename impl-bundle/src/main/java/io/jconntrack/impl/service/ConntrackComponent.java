package io.jconntrack.impl.service;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link ConntrackService}. A configuration change re-activates the component (no {@code @Modified}):
 * dependents such as the Event Admin bridge are re-activated with it and subscribe again. Deactivation closes every
 * socket and ends every subscription with {@link io.jconntrack.api.ConntrackListener#onError}.
 */
@Component(service = ConntrackService.class, configurationPid = "io.jconntrack",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = ConntrackConfiguration.class)
public final class ConntrackComponent implements ConntrackService {
    private static final Logger LOG = LoggerFactory.getLogger(ConntrackComponent.class);

    private final NetlinkConntrackService delegate;

    @Activate
    public ConntrackComponent(ConntrackConfiguration config) {
        this.delegate = start(config);
    }

    @Deactivate
    public void deactivate() {
        delegate.close();
        LOG.info("jconntrack: closed its netlink sockets");
    }

    private static NetlinkConntrackService start(ConntrackConfiguration c) {
        ConntrackOptions options = new ConntrackOptions(c.receiveBufferSize(), c.batchSize(),
                c.defaultNamespace(), c.maxSocketsPerNamespace(), c.timeoutMillis(), c.kernelFilters(),
                c.eventBufferSize(), c.maxEventBufferSize());
        NetlinkConntrackService service = new NetlinkConntrackService(options);
        probe(service, options);
        return service;
    }

    /** Logs whether netlink access works, and why not; the service stays registered either way. */
    private static void probe(NetlinkConntrackService service, ConntrackOptions options) {
        String where = options.defaultNamespace() == null ? "the controller's network namespace"
                : "network namespace '" + options.defaultNamespace() + "'";
        try {
            ConntrackStatistics s = service.statistics();
            LOG.info("jconntrack: ctnetlink access works in {}: {} entries, maximum {}", where, s.entries(),
                    s.maxEntries());
        } catch (ConntrackException e) {
            LOG.warn("jconntrack: ctnetlink access does not work in {}: {}", where, e.getMessage());
        } catch (LinkageError e) {
            LOG.error("jconntrack: JNA could not load its native library ({}); if java.io.tmpdir is mounted "
                    + "noexec, set jna.tmpdir to an executable directory", e.toString());
        }
    }

    private ConntrackService d() {
        return delegate;
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        return d().list(filter);
    }

    @Override
    public long forEach(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        return d().forEach(filter, action);
    }

    @Override
    public long count(ConntrackFilter filter) {
        return d().count(filter);
    }

    @Override
    public Optional<ConntrackEntry> get(Tuple original, int zone) {
        return d().get(original, zone);
    }

    @Override
    public void create(ConntrackEntry entry) {
        d().create(entry);
    }

    @Override
    public BulkResult create(Collection<ConntrackEntry> entries) {
        return d().create(entries);
    }

    @Override
    public void update(ConntrackUpdate update) {
        d().update(update);
    }

    @Override
    public BulkResult update(Collection<ConntrackUpdate> updates) {
        return d().update(updates);
    }

    @Override
    public boolean delete(ConntrackEntry entry) {
        return d().delete(entry);
    }

    @Override
    public DeleteResult delete(Collection<ConntrackEntry> entries) {
        return d().delete(entries);
    }

    @Override
    public long deleteMatching(ConntrackFilter filter) {
        return d().deleteMatching(filter);
    }

    @Override
    public void flush() {
        d().flush();
    }

    @Override
    public void flush(int zone) {
        d().flush(zone);
    }

    @Override
    public ConntrackStatistics statistics() {
        return d().statistics();
    }

    @Override
    public Subscription subscribe(EventFilter filter, ConntrackListener listener) {
        return d().subscribe(filter, listener);
    }

    @Override
    public ConntrackService inNamespace(String netns) {
        return d().inNamespace(netns);
    }

    @Override
    public String namespace() {
        return d().namespace();
    }
}
