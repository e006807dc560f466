package io.jconntrack.api;

/**
 * Which direction of an entry its zone applies to. The kernel keeps one zone id per entry; it usually applies to
 * both directions ({@code CTA_ZONE}), but may apply to the original or the reply direction alone
 * ({@code CTA_TUPLE_ZONE} in that tuple; the other direction is then in the default zone 0), as Open vSwitch sets it.
 */
public enum ZoneDirection {
    BOTH, ORIGINAL, REPLY
}
