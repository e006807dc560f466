package io.jconntrack.impl.ctnetlink;

import io.jconntrack.impl.netlink.MalformedMessageException;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for every decoder the service runs on a received datagram: the message walk, conntrack entries
 * (dumps, replies, events), errors with extended acks, DONE, and both statistics replies. The only outcome allowed is
 * a decoded value or {@link MalformedMessageException}; anything else (an index exception, an
 * {@code IllegalArgumentException} from a value class, a hang, a huge allocation) is a finding.
 *
 * <p>Seeds: real messages of this kernel in {@code DecoderFuzzTestInputs/decode} (made by
 * {@code SeedCaptureTool}). In the test suite (surefire execution {@code fuzz}, {@code JAZZER_FUZZ=1}) it runs
 * 100,000 inputs. The long run uses Jazzer's own driver on {@link DecoderFuzzTarget}, see
 * {@code docs/reliability.md}.
 */
public class DecoderFuzzTest {

    @FuzzTest(maxExecutions = 100_000, maxDuration = "90s")
    void decode(byte[] data) {
        DecoderFuzzTarget.fuzzerTestOneInput(data);
    }
}
