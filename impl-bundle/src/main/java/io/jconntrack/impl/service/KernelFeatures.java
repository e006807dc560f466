package io.jconntrack.impl.service;

/**
 * Which ctnetlink filters the running kernel applies. An older kernel silently ignores a filter attribute it does not
 * know: a dump then returns too much (harmless, every dump is rechecked in Java) but a flush would remove too much,
 * so a flush carries a filter only on kernels known to apply it.
 */
public final class KernelFeatures {
    private final int major;
    private final int minor;
    private final boolean kernelFilters;

    public KernelFeatures(int major, int minor, boolean kernelFilters) {
        this.major = major;
        this.minor = minor;
        this.kernelFilters = kernelFilters;
    }

    /** Reads the running kernel's version from {@code os.version} (e.g. {@code 6.18.44-generic}). */
    public static KernelFeatures running(boolean kernelFilters) {
        String v = System.getProperty("os.version", "0.0");
        String[] parts = v.split("[.\\-+]");
        int major = 0;
        int minor = 0;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            // Unknown version: behave as the oldest kernel, which only costs speed.
        }
        return new KernelFeatures(major, minor, kernelFilters);
    }

    private boolean atLeast(int maj, int min) {
        return kernelFilters && (major > maj || (major == maj && minor >= min));
    }

    /** Dump filter by tuple fields ({@code CTA_FILTER}, 5.8). */
    public boolean dumpTupleFilter() {
        return atLeast(5, 8);
    }

    /** Dump filters by mark, status and zone are sent whenever kernel filtering is on: old kernels ignore them. */
    public boolean dumpFilters() {
        return kernelFilters;
    }

    /** Mark filters honour {@code CTA_MARK_MASK} (5.12; 5.8-5.11 compared the whole mark). */
    public boolean maskedMark() {
        return atLeast(5, 12);
    }

    /** Flush by {@code CTA_MARK}/{@code CTA_MARK_MASK}. */
    public boolean flushMark() {
        return atLeast(4, 19);
    }

    /** Flush limited to the nfgenmsg family when version is 1. */
    public boolean flushFamily() {
        return atLeast(6, 1);
    }

    /** Flush by {@code CTA_STATUS}/{@code CTA_STATUS_MASK} (5.15). */
    public boolean flushStatus() {
        return atLeast(5, 15);
    }

    /** Flush by top-level {@code CTA_ZONE}, zone 0 included (6.8). */
    public boolean flushZone() {
        return atLeast(6, 8);
    }

    /** Flush by {@code CTA_FILTER} tuple fields (6.11). */
    public boolean flushTuple() {
        return atLeast(6, 11);
    }

    @Override
    public String toString() {
        return major + "." + minor + (kernelFilters ? "" : " (kernel filters off)");
    }
}
