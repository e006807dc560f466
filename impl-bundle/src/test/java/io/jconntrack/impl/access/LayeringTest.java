package io.jconntrack.impl.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The package tree reads as framing → ctnetlink → socket → service: each layer's classes reference no layer above
 * it (nor the conntrack API, for the framing). Checked on the compiled classes' constant pools, where every class a
 * class uses is named.
 */
public class LayeringTest {
    private static final Path CLASSES = Paths.get("target", "classes", "io", "jconntrack", "impl");
    private static final String IMPL = "io/jconntrack/impl/";

    /** Each package and the packages it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "netlink", List.of(IMPL + "ctnetlink/", IMPL + "socket/", IMPL + "service/", IMPL + "cleanup/",
                    IMPL + "zone/", "io/jconntrack/api/"),
            "ctnetlink", List.of(IMPL + "socket/", IMPL + "service/", IMPL + "cleanup/", IMPL + "zone/"),
            "socket", List.of(IMPL + "ctnetlink/", IMPL + "service/", IMPL + "cleanup/", IMPL + "zone/"),
            "service", List.of(IMPL + "cleanup/", IMPL + "zone/"));

    @Test
    public void noLayerUsesALayerAboveIt() throws IOException {
        List<String> findings = new ArrayList<>();
        int classes = 0;
        for (Map.Entry<String, List<String>> layer : FORBIDDEN.entrySet()) {
            Path dir = CLASSES.resolve(layer.getKey());
            assertTrue(dir + " is compiled", Files.isDirectory(dir));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    classes++;
                    // Class names in the constant pool are plain modified-UTF-8, ASCII for these names.
                    String pool = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    for (String above : layer.getValue()) {
                        if (pool.contains(above)) {
                            findings.add(layer.getKey() + "/" + p.getFileName() + " uses " + above);
                        }
                    }
                }
            }
        }
        assertTrue("scanned only " + classes + " classes", classes > 40);
        assertEquals("references to a layer above", List.of(), findings);
    }
}
