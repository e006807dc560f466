/**
 * The JSON of jconntrack's REST API ({@code /conntrack/v1}), one codec per value with its write and read side by
 * side: the node agent writes what the remote client reads, so both always agree. Reads refuse unknown fields and
 * wrong types with the API's {@code field: problem} messages; ranges are checked by the API's own builders.
 */
@Version("1.0.0")
package io.jconntrack.json;

import org.osgi.annotation.versioning.Version;
