package io.jconntrack.impl.socket;

/**
 * What a network namespace is, whatever path names it: the device and inode of its nsfs file. Every spelling of one
 * namespace ({@code /var/run/netns/X}, {@code /run/netns//X}, {@code /proc/PID/ns/net}) has the same identity, and
 * a namespace deleted and made again under the same name has another.
 */
public record NamespaceId(long device, long inode) {
}
