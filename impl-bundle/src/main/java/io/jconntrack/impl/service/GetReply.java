package io.jconntrack.impl.service;

import io.jconntrack.api.Tuple;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.impl.socket.Errno;
import java.util.Optional;

/**
 * The reply to a get of one value, of any table ({@code IPCTNL_MSG_CT_GET}, {@code IPCTNL_MSG_EXP_GET}): the value,
 * or the errno that says why there is none. What differs per table is the value's message type and decoder.
 *
 * @param <T> the value got (entry, expectation)
 */
final class GetReply<T> implements Reply<GetReply.Found<T>> {
    /** The value (null when none came) and the request's errno. */
    record Found<T>(T value, int errno, String message) {
        /** The value; none for {@code ENOENT}; a kernel failure for any other errno. */
        Optional<T> orFail(String operation, String netns, Tuple tuple) {
            if (errno == Errno.ENOENT) {
                return Optional.empty();
            }
            if (errno != 0) {
                throw Failures.kernel(operation, errno, message, netns, tuple);
            }
            return Optional.ofNullable(value);
        }
    }

    private final int valueType;
    private final DumpReply.Decoder<T> decoder;
    private T value;
    private int errno;
    private String message;

    GetReply(int valueType, DumpReply.Decoder<T> decoder) {
        this.valueType = valueType;
        this.decoder = decoder;
    }

    @Override
    public void onMessage(MessageCursor m) throws MalformedMessageException {
        if (m.type() == valueType) {
            value = decoder.decode(m, new AddressCache());
        }
    }

    @Override
    public boolean onError(NetlinkError error) {
        errno = error.errno();
        message = error.message();
        return true;
    }

    @Override
    public boolean onDone(int error, int flags) {
        return false;
    }

    @Override
    public Found<T> result() {
        return new Found<>(value, errno, message);
    }
}
