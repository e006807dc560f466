package io.jconntrack.api;

import java.io.Serializable;

/**
 * One expectation event: {@link EventType#NEW} when an expectation is added, {@link EventType#DESTROY} when it goes
 * (matched, expired, deleted); the kernel sends no update of an expectation.
 *
 * @param originPortId the netlink port id of the program whose request caused the event, 0 when the kernel did
 * @since 0.3
 */
public record ExpectationEvent(EventType type, Expectation expectation, long originPortId) implements Serializable {
    public ExpectationEvent {
        Limits.checkNotNull("type", type);
        Limits.checkNotNull("expectation", expectation);
        Limits.checkRangeLong("originPortId", originPortId, 0, 0xFFFF_FFFFL);
    }
}
