/**
 * Remote nodes: a {@code ConntrackService} over a node's jconntrack REST agent. In OSGi, one per {@code
 * io.jconntrack.node} factory configuration ({@link io.jconntrack.remote.RemoteNodeComponent}); in plain Java,
 * {@link io.jconntrack.remote.RemoteConntrack}.
 */
@Version("0.2.0")
package io.jconntrack.remote;

import org.osgi.annotation.versioning.Version;
