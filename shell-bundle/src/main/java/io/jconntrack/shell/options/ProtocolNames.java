package io.jconntrack.shell.options;

import io.jconntrack.api.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code -p} as the tool reads it ({@code findproto}): a protocol it has an extension for (any case), else a name
 * or alias from {@code /etc/protocols} (exact case, as {@code getprotobyname}), else a number 0..255 in C notation
 * (decimal, {@code 0x} hex, leading-0 octal).
 */
public final class ProtocolNames {
    /** The protocols database; read at each lookup, it is small and a console command is rare. */
    static final Path PROTOCOLS = Path.of("/etc/protocols");
    /** {@code IPPROTO_RAW}, the highest number the tool accepts. */
    static final long MAX_PROTOCOL = 255;
    private static final List<Protocol> EXTENSIONS = List.of(Protocol.TCP, Protocol.UDP, Protocol.UDPLITE,
            Protocol.SCTP, Protocol.DCCP, Protocol.ICMP, Protocol.ICMPV6, Protocol.GRE);

    private ProtocolNames() {
    }

    public static Protocol parse(String option, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Protocol p : EXTENSIONS) {
            if (p.name().equals(lower)) {
                return p;
            }
        }
        Integer fromDatabase = lookup(PROTOCOLS, text);
        if (fromDatabase != null) {
            return Protocol.of(fromDatabase);
        }
        Long n = CNumbers.parse(text);
        if (n != null && n <= MAX_PROTOCOL) {
            return Protocol.of(n.intValue());
        }
        throw new IllegalArgumentException(option + ": `" + text + "' unsupported protocol (a name from "
                + PROTOCOLS + " or a number 0..255)");
    }

    /** The number of a protocol name or alias in a protocols(5) file, or null. */
    static Integer lookup(Path file, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null; // no database: names of the tool's own protocols and numbers still work
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            for (int i = 0; i < words.length; i++) {
                if (i != 1 && words[i].equals(name)) {
                    Long n = CNumbers.parse(words[1]);
                    return n != null && n <= MAX_PROTOCOL ? n.intValue() : null;
                }
            }
        }
        return null;
    }
}
