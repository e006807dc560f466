package io.jconntrack.impl.netlink;

/**
 * The names of one attribute space (the types valid at one nesting level), so that a decoding error names the
 * attribute the way the kernel header does. Index = attribute type; a type without a name is shown by number.
 */
@FunctionalInterface
public interface AttributeNames {
    /** Attributes of a space nobody named: shown by number. */
    AttributeNames NUMBERED = type -> "attribute type " + type;

    String nameOf(int type);

    /** Names listed in the order of the kernel's enum, starting at type 0 (usually {@code *_UNSPEC}). */
    static AttributeNames of(String... names) {
        String[] copy = names.clone();
        return type -> type >= 0 && type < copy.length && copy[type] != null ? copy[type] : NUMBERED.nameOf(type);
    }
}
