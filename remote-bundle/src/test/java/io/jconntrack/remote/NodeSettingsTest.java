package io.jconntrack.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The configuration of a node as SCR hands it over: passwords from files of their owner's, none in the properties. */
public class NodeSettingsTest {
    private static final String PASSWORD = "s3cret pass";
    private static final String PIN = "AA".repeat(32);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path etc;
    private Map<String, Object> properties;

    @Before
    public void aValidConfiguration() throws IOException {
        etc = tmp.newFolder("etc").toPath();
        secret(etc.resolve("node1.password"), PASSWORD + "\n", "rw-------");
        properties = new HashMap<>(Map.of("name", "node1", "url", "https://192.0.2.10:8443", "username", "ctl",
                "passwordFile", "node1.password", "fingerprint", PIN));
    }

    /** A file written as an operator would (echo adds the newline), with {@code mode} set after writing. */
    private static Path secret(Path file, String content, String mode) throws IOException {
        Files.deleteIfExists(file); // it may be read-only from a previous call
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    /** The component property type over {@code properties}, as SCR makes it: a missing key gives the default. */
    private static NodeConfiguration config(Map<String, Object> properties) {
        return (NodeConfiguration) Proxy.newProxyInstance(NodeConfiguration.class.getClassLoader(),
                new Class<?>[] {NodeConfiguration.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(properties, args);
                    }
                    Object v = properties.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    private NodeSettings settings() {
        return NodeSettings.of(config(properties), properties, etc);
    }

    private IllegalArgumentException refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::settings);
        assertFalse("the password is not in the message: " + e.getMessage(), e.getMessage().contains(PASSWORD));
        return e;
    }

    @Test
    public void theOwnersFileGivesThePasswordWithoutItsNewline() {
        NodeSettings s = settings();
        assertEquals(PASSWORD, s.password());
        assertEquals("node1", s.name());
        assertEquals("https://192.0.2.10:8443/", s.url().toString());
        assertEquals("ctl", s.username());
        assertFalse(s.toString(), s.toString().contains(PASSWORD));
    }

    @Test
    public void anAbsolutePathIsTakenAsItIsAndAFileWithoutNewlineAsItIs() throws IOException {
        Path elsewhere = secret(tmp.newFolder("secrets").toPath().resolve("p"), "no-newline", "r--------");
        properties.put("passwordFile", elsewhere.toString());
        assertEquals("no-newline", settings().password());
        secret(elsewhere, "crlf\r\n", "rw-------");
        assertEquals("crlf", settings().password());
    }

    @Test
    public void aFileOthersCanReadOrWriteIsRefusedWithItsModeAndTheFix() throws IOException {
        Path file = etc.resolve("node1.password");
        for (String[] mode : new String[][] {{"rw-r--r--", "0644"}, {"rw-r-----", "0640"}, {"rw--w----", "0620"},
            {"rw----r--", "0604"}, {"rw-----w-", "0602"}}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode[0]));
            String m = refused().getMessage();
            assertEquals(m, "passwordFile: " + file + " can be read or written by others than its owner (mode "
                    + mode[1] + ", " + mode[0] + "); allow its owner only: chmod 600 " + file, m);
        }
    }

    @Test
    public void aMissingFileIsRefusedNamingIt() {
        properties.put("passwordFile", "node2.password");
        assertEquals("passwordFile: " + etc.resolve("node2.password") + " does not exist", refused().getMessage());
    }

    @Test
    public void anEmptyFileIsRefused() throws IOException {
        for (String empty : new String[] {"", "\n"}) {
            secret(etc.resolve("node1.password"), empty, "rw-------");
            assertEquals("passwordFile: " + etc.resolve("node1.password") + " is empty", refused().getMessage());
        }
    }

    @Test
    public void aFileOfSeveralLinesIsRefused() throws IOException {
        secret(etc.resolve("node1.password"), "ctl = " + PASSWORD + ",admin\nother = x\n", "rw-------");
        assertTrue(refused().getMessage().endsWith(" has more than one line; the secret is the file's only line"));
    }

    @Test
    public void aDirectoryIsNotAPasswordFile() throws IOException {
        Files.setPosixFilePermissions(tmp.newFolder("dir").toPath(), PosixFilePermissions.fromString("rwx------"));
        properties.put("passwordFile", tmp.getRoot().toPath().resolve("dir").toString());
        assertTrue(refused().getMessage().endsWith(" is not a regular file"));
    }

    @Test
    public void withoutPasswordFileNothingIsActivated() {
        properties.remove("passwordFile");
        assertEquals("passwordFile: is required", refused().getMessage());
    }

    @Test
    public void aRelativePathNeedsKarafsEtc() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.of(config(properties), properties, null));
        assertEquals("passwordFile: 'node1.password' is relative and karaf.etc is not set; give an absolute path",
                e.getMessage());
    }

    @Test
    public void aPasswordInTheConfigurationIsRefusedWhateverElseItHas() {
        for (String key : new String[] {"password", "Password", "truststorePassword"}) {
            properties.put(key, PASSWORD);
            String m = refused().getMessage();
            assertTrue(m, m.startsWith(key + ": not accepted in the configuration"));
            assertTrue(m, m.contains("chmod 600 FILE"));
            assertTrue(m, m.endsWith(key.equals("truststorePassword") ? " truststorePasswordFile" : " passwordFile"));
            properties.remove(key);
        }
    }

    @Test
    public void aUrlWithUserInformationIsRefusedWithoutEchoingIt() {
        for (String url : new String[] {"https://ctl:" + PASSWORD + "@192.0.2.10:8443",
            "https://ctl:" + PASSWORD.replace(' ', '/') + "@192.0.2.10:8443/conntrack/v1", "https://ctl@192.0.2.10",
            "http://ctl:" + PASSWORD.replace(' ', '#') + "@192.0.2.10"}) {
            properties.put("url", url);
            IllegalArgumentException e = refused();
            assertEquals(url, "url: must not carry user information (user:…@); use username and passwordFile",
                    e.getMessage());
            assertFalse(e.getMessage().contains("ctl"));
            assertFalse(e.getMessage().contains(PASSWORD.replace(' ', '/')));
        }
    }

    @Test
    public void theTruststorePasswordComesFromAFileToo() throws IOException {
        properties.remove("fingerprint");
        properties.put("truststore", etc.resolve("ca.p12").toString());
        properties.put("truststorePasswordFile", "ca.password");
        secret(etc.resolve("ca.password"), "store-pass\n", "rw-r--r--");
        assertTrue(refused().getMessage().startsWith("truststorePasswordFile: " + etc.resolve("ca.password")
                + " can be read or written by others than its owner (mode 0644"));
        properties.put("fingerprint", PIN);
        properties.remove("truststore");
        assertEquals("truststorePasswordFile: only with truststore", refused().getMessage());
    }

    @Test
    public void modesAreShownAsChmodAndLsShowThem() {
        assertEquals("0640, rw-r-----", SecretFile.mode(PosixFilePermissions.fromString("rw-r-----")));
        assertEquals("0751, rwxr-x--x", SecretFile.mode(PosixFilePermissions.fromString("rwxr-x--x")));
        assertEquals("0000, ---------", SecretFile.mode(PosixFilePermissions.fromString("---------")));
    }
}
