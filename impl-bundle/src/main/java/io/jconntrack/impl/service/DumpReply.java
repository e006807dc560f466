package io.jconntrack.impl.service;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_FILTERED;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_INTR;

import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The replies of one dump, of any table: each value message decoded, checked again in Java and handed out,
 * counted; {@code NLM_F_DUMP_INTR} remembered for the caller's retry policy. What differs per table is a parameter:
 * which message types carry values, the decoder and the selection.
 *
 * @param <T> the values dumped (entries, expectations)
 */
final class DumpReply<T> implements Reply<Dump.Outcome> {
    /** Decodes one value message. */
    interface Decoder<T> {
        T decode(MessageCursor m, AddressCache addresses) throws MalformedMessageException;
    }

    private final String operation;
    private final IntPredicate valueType;
    private final Decoder<T> decoder;
    private final Predicate<? super T> selection;
    private final boolean trustKernel;
    private final Consumer<? super T> action;
    private final String netns;
    private final AddressCache addresses = new AddressCache();
    private long count;
    private boolean interrupted;

    /**
     * @param trustKernel count a value the kernel marked {@code NLM_F_DUMP_FILTERED} without decoding it (the caller
     *     knows the kernel applied the whole selection)
     * @param action what each selected value is handed to; {@code null} to count only
     */
    DumpReply(String operation, IntPredicate valueType, Decoder<T> decoder, Predicate<? super T> selection,
              boolean trustKernel, Consumer<? super T> action, String netns) {
        this.operation = operation;
        this.valueType = valueType;
        this.decoder = decoder;
        this.selection = selection;
        this.trustKernel = trustKernel;
        this.action = action;
        this.netns = netns;
    }

    @Override
    public void onMessage(MessageCursor m) throws MalformedMessageException {
        if ((m.flags() & NLM_F_DUMP_INTR) != 0) {
            interrupted = true;
        }
        if (!valueType.test(m.type())) {
            return;
        }
        if (trustKernel && (m.flags() & NLM_F_DUMP_FILTERED) != 0) {
            count++;
            return;
        }
        T value = decoder.decode(m, addresses);
        if (selection.test(value)) {
            count++;
            if (action != null) {
                action.accept(value);
            }
        }
    }

    @Override
    public boolean onError(NetlinkError error) {
        if (error.isAck()) {
            return false;
        }
        throw Failures.kernel(operation, error.errno(), error.message(), netns, null);
    }

    @Override
    public boolean onDone(int error, int flags) {
        if ((flags & NLM_F_DUMP_INTR) != 0) {
            interrupted = true;
        }
        if (error != 0) {
            throw Failures.kernel(operation, error, null, netns, null);
        }
        return true;
    }

    @Override
    public Dump.Outcome result() {
        return new Dump.Outcome(count, interrupted);
    }
}
