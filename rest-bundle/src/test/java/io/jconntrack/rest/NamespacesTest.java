package io.jconntrack.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class NamespacesTest {
    private final List<String> entered = new ArrayList<>();
    private final ConntrackService root = (ConntrackService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConntrackService.class}, (proxy, method, args) -> {
                if (method.getName().equals("inNamespace")) {
                    entered.add((String) args[0]);
                    return proxy;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    public void namesAreAcceptedAndPathsOnlyWhenConfigured() {
        Namespaces names = new Namespaces(root);
        names.in("blue");
        assertEquals(List.of("blue"), entered);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> names.in("/proc/1/ns/net"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("netns: '/proc/1/ns/net' is a path")
                && e.getMessage().contains("allowedNamespacePaths"));
        assertThrows(IllegalArgumentException.class, () -> names.in("../x"));
        assertThrows(IllegalArgumentException.class, () -> names.in("/var/run/netns/blue"));
    }

    @Test
    public void allowedPathsAreMatchedAsTheyWillBeOpened() {
        Namespaces paths = new Namespaces(root, "/proc/*/ns/net", " ");
        paths.in("/proc/1/ns/net");
        paths.in("/proc//7/./ns/net");
        assertEquals(List.of("/proc/1/ns/net", "/proc/7/ns/net"), entered);
        assertThrows(IllegalArgumentException.class, () -> paths.in("/proc/1/ns/../../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> paths.in("/proc/1/ns/mnt"));
        assertThrows(IllegalArgumentException.class, () -> new Namespaces(root, "proc/*/ns/net"));
        new Namespaces(root, "/run/netns/*, /tmp/jct-playground/*").in("/tmp/jct-playground/ns-0");
        assertEquals("/tmp/jct-playground/ns-0", entered.get(2));
    }
}
