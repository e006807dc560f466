package io.jconntrack.rest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.Test;

/** A configuration event that changes no setting (file install at boot) must not restart the agent. */
public class RestAgentSettingsTest {

    /** A RestConfiguration with the annotation's defaults, but for the values given. */
    private static RestConfiguration config(Map<String, Object> values) {
        return (RestConfiguration) Proxy.newProxyInstance(RestConfiguration.class.getClassLoader(),
                new Class<?>[] {RestConfiguration.class}, (proxy, method, args) ->
                        values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    public void theDefaultsTwiceAreTheSameSettings() {
        assertTrue(RestAgent.sameSettings(config(Map.of()), config(Map.of())));
        assertTrue(RestAgent.sameSettings(config(Map.of("allowedNamespacePaths", new String[] {"/run/x/*"})),
                config(Map.of("allowedNamespacePaths", new String[] {"/run/x/*"}))));
    }

    @Test
    public void anyChangedSettingIsAnotherConfiguration() {
        assertFalse(RestAgent.sameSettings(config(Map.of()), config(Map.of("port", 9443))));
        assertFalse(RestAgent.sameSettings(config(Map.of()), config(Map.of("host", "192.0.2.1"))));
        assertFalse(RestAgent.sameSettings(config(Map.of()),
                config(Map.of("allowedNamespacePaths", new String[] {"/run/x/*"}))));
    }
}
