package io.jconntrack.api;

import java.net.InetAddress;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Neutron-style conntrack state cleanup. Requests are queued and run by one worker, which merges requests for the
 * same zone (a queued zone flush answers every other request for that zone) and uses the cheapest kernel operation
 * for each: a filtered kernel flush where the kernel can apply the filter, a filtered dump and pipelined deletes
 * otherwise. A failing request completes exceptionally and the worker goes on.
 */
@ProviderType
public interface ConntrackCleaner {

    /** Deletes the state a security-group rule allowed, for each device address of the rule's ethertype. */
    CompletionStage<CleanupResult> deleteRuleState(SecurityGroupRule rule, Collection<Device> devices);

    /**
     * Deletes the state between the devices and the remote addresses, both directions, in the devices' zones;
     * with a mark, only entries carrying it.
     */
    CompletionStage<CleanupResult> deleteRemoteState(Collection<Device> devices, Collection<InetAddress> remotes,
                                                     Long mark);

    /** Deletes all state of a zone. */
    CompletionStage<CleanupResult> deleteZoneState(int zone);

    /** The same cleaner for a network namespace (name from {@code ip netns} or a path). */
    ConntrackCleaner inNamespace(String netns);
}
