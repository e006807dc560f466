package io.jconntrack.impl.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Processes;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.Test;

/**
 * The product runs with root-level network privileges and must never start a process: scans the constant pools of
 * every product class (api, impl and shell modules; their jars when built, else their {@code target/classes}) for
 * {@code ProcessBuilder}, {@code Runtime.exec} and {@code ProcessHandle}, as class references, method references
 * or strings (reflection). The test classes, which do run {@code ip} and {@code conntrack}, prove the scan works.
 */
public class NoProcessExecutionTest {
    private static final Path ROOT = Paths.get(System.getProperty("user.dir")).getParent();

    @Test
    public void productClassesNeverStartAProcess() throws IOException {
        List<String> findings = new ArrayList<>();
        int classes = 0;
        for (String module : List.of("api-bundle", "impl-bundle", "shell-bundle")) {
            Path dir = ROOT.resolve(module).resolve("target");
            Path jar = newestJar(dir);
            if (jar != null) {
                try (ZipFile z = new ZipFile(jar.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(z.entries())) {
                        // Our classes only: the jar also carries JNA (embedded), which, as a last resort when a
                        // library is not found by name, asks ldconfig; libc is always found by name.
                        if (e.getName().endsWith(".class") && e.getName().startsWith("io/jconntrack/")) {
                            classes++;
                            findings.addAll(scan(jar.getFileName() + "!" + e.getName(), z.getInputStream(e)));
                        }
                    }
                }
            } else if (Files.isDirectory(dir.resolve("classes"))) {
                try (Stream<Path> s = Files.walk(dir.resolve("classes"))) {
                    for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        classes++;
                        findings.addAll(scan(ROOT.relativize(p).toString(), Files.newInputStream(p)));
                    }
                }
            } else if (!"shell-bundle".equals(module)) {
                throw new AssertionError(module + " is not built: nothing to scan in " + dir);
            } else {
                System.out.println("NoProcessExecutionTest: shell-bundle not built in this reactor, not scanned");
            }
        }
        assertTrue("scanned only " + classes + " classes", classes > 50);
        assertEquals("process execution in product classes", List.of(), findings);
    }

    @Test
    public void theScanFindsTheTestHelperThatRunsTools() throws IOException {
        List<String> found = scan("Processes", Processes.class.getResourceAsStream("Processes.class"));
        assertTrue(found.toString(), found.stream().anyMatch(f -> f.contains("java/lang/ProcessBuilder")));
    }

    private static Path newestJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-sources.jar"))
                    .findFirst().orElse(null);
        }
    }

    /** Reads a class file's constant pool and reports forbidden references. */
    static List<String> scan(String name, InputStream raw) throws IOException {
        List<String> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new AssertionError(name + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[][] refs = new int[count][];
            int[] tags = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1: utf8[i] = in.readUTF(); break;
                    case 7: case 8: case 16: case 19: case 20: refs[i] = new int[] {in.readUnsignedShort()}; break;
                    case 9: case 10: case 11: case 12: case 17: case 18:
                        refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()}; break;
                    case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                    case 3: case 4: in.readInt(); break;
                    case 5: case 6: in.readLong(); i++; break;
                    default: throw new AssertionError(name + ": constant pool tag " + tag);
                }
            }
            for (int i = 1; i < count; i++) {
                if (utf8[i] == null) {
                    continue;
                }
                String s = utf8[i];
                if (s.contains("java/lang/ProcessBuilder") || s.contains("java.lang.ProcessBuilder")
                        || s.contains("java/lang/ProcessHandle") || s.contains("java.lang.ProcessHandle")) {
                    out.add(name + ": " + s);
                }
            }
            // Runtime.exec: a method reference whose class is java/lang/Runtime and whose name is exec.
            for (int i = 1; i < count; i++) {
                if ((tags[i] == 10 || tags[i] == 11) && refs[i] != null) {
                    String owner = utf8[refs[refs[i][0]][0]];
                    String member = utf8[refs[refs[i][1]][0]];
                    if ("java/lang/Runtime".equals(owner) && "exec".equals(member)) {
                        out.add(name + ": java/lang/Runtime.exec");
                    }
                }
            }
        }
        return out;
    }
}
