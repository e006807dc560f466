package io.jconntrack.impl.ctnetlink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.impl.netlink.AttributeNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** The names used in decoding errors agree with the constants: a name at index N is the constant of value N. */
public class CtnetlinkNamesTest {

    @Test
    public void everyNamedTypeHasTheValueOfItsConstant() throws Exception {
        Map<String, Integer> constants = new HashMap<>();
        for (Field f : CtnetlinkConstants.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                constants.put(f.getName(), f.getInt(null));
            }
        }
        int checked = 0;
        for (Field f : CtnetlinkNames.class.getFields()) {
            AttributeNames names = (AttributeNames) f.get(null);
            for (int type = 0; type < 64; type++) {
                String name = names.nameOf(type);
                Integer value = constants.get(name);
                if (value != null) {
                    assertEquals(f.getName() + ": " + name, (int) value, type);
                    checked++;
                }
            }
        }
        assertTrue("names checked against constants: " + checked, checked > 60);
    }

    @Test
    public void everyAttributeConstantIsNamed() throws Exception {
        Map<String, Boolean> named = new HashMap<>();
        for (Field f : CtnetlinkNames.class.getFields()) {
            AttributeNames names = (AttributeNames) f.get(null);
            for (int type = 0; type < 64; type++) {
                named.put(names.nameOf(type), true);
            }
        }
        for (Field f : CtnetlinkConstants.class.getFields()) {
            String n = f.getName();
            if (n.startsWith("CTA_") && !n.startsWith("CTA_FILTER_F_") && !n.startsWith("CTA_FILTER_")) {
                assertTrue(n + " has a name in CtnetlinkNames", named.containsKey(n));
            }
        }
    }
}
