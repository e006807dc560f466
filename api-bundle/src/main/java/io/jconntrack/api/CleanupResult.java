package io.jconntrack.api;

import java.io.Serializable;

/**
 * What a cleanup request deleted. {@code merged} is true when the request was answered by a zone flush queued for
 * the same zone, whose count it then reports.
 */
public record CleanupResult(long deleted, boolean merged) implements Serializable {
}
