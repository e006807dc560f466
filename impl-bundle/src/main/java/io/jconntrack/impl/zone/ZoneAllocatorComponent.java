package io.jconntrack.impl.zone;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ZoneAllocator;
import java.io.File;
import java.nio.file.Path;
import java.util.BitSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link ZoneAllocator}: the component is the allocator, its range from configuration, allocations kept
 * in the bundle's data area, seeded with the zones present in the kernel's table at activation.
 */
@Component(service = ZoneAllocator.class, configurationPid = "io.jconntrack.zones",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ZoneAllocatorComponent.Config.class)
public final class ZoneAllocatorComponent extends PersistentZoneAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneAllocatorComponent.class);

    /** Configuration of the zone range. */
    @ObjectClassDefinition(name = "jconntrack zones", description = "Conntrack zone allocation")
    public @interface Config {
        @AttributeDefinition(description = "First zone handed out")
        int firstZone() default PersistentZoneAllocator.DEFAULT_FIRST_ZONE;

        @AttributeDefinition(description = "Last zone handed out (inclusive)")
        int lastZone() default PersistentZoneAllocator.DEFAULT_LAST_ZONE;
    }

    @Activate
    public ZoneAllocatorComponent(@Reference(target = ConntrackNodes.LOCAL_TARGET) ConntrackService conntrack, BundleContext context, Config config) {
        super(dataFile(context), config.firstZone(), config.lastZone(), zonesInUse(conntrack));
        LOG.info("jconntrack: zone allocator for {}..{}, {} keys restored, {} zones in use in the kernel",
                config.firstZone(), config.lastZone(), allocations().size(), zonesInKernel());
    }

    private static Path dataFile(BundleContext context) {
        File data = context.getDataFile("zones.properties");
        if (data == null) {
            throw new IllegalStateException("the framework gives this bundle no data area for its zone file");
        }
        return data.toPath();
    }

    /** The zones of the entries in the table now (one streaming dump; nothing is kept but the bits). */
    static BitSet zonesInUse(ConntrackService conntrack) {
        BitSet zones = new BitSet();
        try {
            conntrack.forEach(ConntrackFilter.ALL, e -> zones.set(e.zone()));
        } catch (ConntrackException e) {
            LOG.warn("jconntrack: could not read the zones in use ({}); allocating without them", e.getMessage());
        }
        return zones;
    }
}
