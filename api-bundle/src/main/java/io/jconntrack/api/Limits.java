package io.jconntrack.api;

/**
 * Named bounds every input is validated against before anything reaches the kernel.
 * The widths come from the ctnetlink attribute types (be16 zone and ports, be32 mark and timeout, u8 ICMP fields).
 */
public final class Limits {
    public static final int MIN_ZONE = 0;
    /** {@code CTA_ZONE} is a be16. */
    public static final int MAX_ZONE = 0xFFFF;
    public static final int MAX_PORT = 0xFFFF;
    public static final int MAX_ICMP_TYPE = 0xFF;
    public static final int MAX_ICMP_CODE = 0xFF;
    public static final int MAX_ICMP_ID = 0xFFFF;
    /** {@code CTA_MARK}, {@code CTA_MARK_MASK} are be32. */
    public static final long MAX_MARK = 0xFFFF_FFFFL;
    /** {@code CTA_TIMEOUT} is a be32 number of seconds. */
    public static final long MAX_TIMEOUT = 0xFFFF_FFFFL;
    /** IP protocol numbers are one octet. */
    public static final int MAX_PROTOCOL = 0xFF;
    /** Connection labels are a 128-bit map ({@code XT_CONNLABEL_MAXBIT}). */
    public static final int MAX_LABEL_BIT = 127;
    public static final int MAX_PREFIX_IPV4 = 32;
    public static final int MAX_PREFIX_IPV6 = 128;
    /** Linux limits an interface or namespace name in {@code ip netns} to {@code NAME_MAX}. */
    public static final int MAX_NETNS_NAME_LENGTH = 255;
    /** A helper's name is at most {@code NF_CT_HELPER_NAME_LEN} (16) bytes with its terminating NUL. */
    public static final int MAX_HELPER_NAME_LENGTH = 15;

    private Limits() {
    }

    static int checkRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " is out of range " + min + ".." + max);
        }
        return (int) value;
    }

    static long checkRangeLong(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /**
     * A network namespace as {@code ConntrackService.inNamespace} takes it: a name as made by {@code ip netns add}
     * (one path component, not {@code .} or {@code ..}) or an absolute path, at most
     * {@value #MAX_NETNS_NAME_LENGTH} characters.
     *
     * @since 0.3
     */
    public static String checkNetns(String netns) {
        if (netns == null || netns.isEmpty()) {
            throw new IllegalArgumentException("netns: a namespace name or path is required");
        }
        if (netns.length() > MAX_NETNS_NAME_LENGTH || netns.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("netns: '" + printable(netns) + "' is not a valid namespace name");
        }
        if (!netns.startsWith("/") && (netns.contains("/") || ".".equals(netns) || "..".equals(netns))) {
            throw new IllegalArgumentException("netns: '" + netns + "' is not a valid namespace name "
                    + "(a name from 'ip netns list' or an absolute path)");
        }
        return netns;
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replace("\0", "\\0");
    }

    /** {@code field: is required} for {@code null}, else the value. */
    public static <T> T checkNotNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }

    /**
     * A helper name as the kernel keeps it ({@code NF_CT_HELPER_NAME_LEN}): 1..15 bytes of UTF-8 without NUL, or null.
     * Userspace helpers ({@code nfnetlink_cthelper}) may be named freely within that, so nothing more is required.
     */
    static String checkHelperName(String field, String name) {
        if (name != null && (name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_HELPER_NAME_LENGTH)) {
            throw new IllegalArgumentException(field + ": '" + name + "' is not a helper name (1.."
                    + MAX_HELPER_NAME_LENGTH + " bytes, no NUL)");
        }
        return name;
    }

    /** Validates a non-empty device list (for the cleaner). */
    public static java.util.Collection<Device> checkDevices(java.util.Collection<Device> devices) {
        if (devices == null || devices.isEmpty()) {
            throw new IllegalArgumentException("devices: at least one device is required");
        }
        for (Device d : devices) {
            checkNotNull("devices", d);
        }
        return devices;
    }

    /** Validates a zone id; public so that callers holding raw numbers check them the same way. */
    public static int checkZone(String field, long zone) {
        return checkRange(field, zone, MIN_ZONE, MAX_ZONE);
    }
}
