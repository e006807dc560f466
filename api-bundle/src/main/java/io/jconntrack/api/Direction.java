package io.jconntrack.api;

/** Direction of a security-group rule, seen from the device: traffic to it (ingress) or from it (egress). */
public enum Direction {
    INGRESS, EGRESS
}
