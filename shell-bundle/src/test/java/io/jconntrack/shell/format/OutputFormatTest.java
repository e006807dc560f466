package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import org.junit.Test;

public class OutputFormatTest {

    private static OutputFormat parse(String value) {
        return OutputFormat.parse("--output", value);
    }

    private static String refusal(String value) {
        return assertThrows(IllegalArgumentException.class, () -> parse(value)).getMessage();
    }

    @Test
    public void noValueIsTheTable() {
        assertSame(OutputFormat.TABLE, parse(null));
    }

    @Test
    public void ourFormatsAndSave() {
        assertEquals(OutputFormat.TABLE, parse("table"));
        assertEquals(OutputFormat.JSON, parse("JSON"));
        assertEquals(OutputFormat.CONNTRACK, parse("conntrack"));
        assertEquals(OutputFormat.SAVE, parse("save"));
        assertEquals("save", parse(" save ").label());
    }

    @Test
    public void toolModifiersImplyTheConntrackText() {
        OutputFormat f = parse("extended,id");
        assertEquals(OutputFormat.Kind.CONNTRACK, f.kind());
        assertEquals(EnumSet.of(OutputModifier.EXTENDED, OutputModifier.ID), f.modifiers());
        assertEquals("conntrack,extended,id", f.label());
        assertEquals(f, parse("id,conntrack,extended"));
        assertEquals(OutputFormat.conntrack(OutputModifier.EXTENDED, OutputModifier.ID), f);
        assertEquals("conntrack,extended,timestamp,id,ktimestamp,labels,userspace",
                parse("userspace,labels,ktimestamp,id,timestamp,extended").label());
    }

    @Test
    public void modifiersAreCaseInsensitivePrefixesInTheToolsOrder() {
        assertEquals("conntrack,extended", parse("EXT").label());
        assertEquals("conntrack,extended,ktimestamp", parse("e,k").label());
        assertEquals("conntrack,timestamp", parse("t").label());
        assertEquals("conntrack,id", parse("i").label());
        assertEquals("conntrack,labels", parse("l").label());
        assertEquals("conntrack,userspace", parse("u").label());
        assertEquals(OutputFormat.SAVE, parse("sa"));
        assertEquals("conntrack,extended", parse("extended,extended").label());
    }

    @Test
    public void saveGoesAloneAsInTheTool() {
        assertEquals("--output: 'save,id': cannot combine save output with any other output type, use -o save only",
                refusal("save,id"));
        assertTrue(refusal("extended,save").contains("cannot combine save output"));
        // userspace sets no bit in the tool, so it combines with anything there.
        assertEquals(OutputFormat.Kind.SAVE, parse("save,userspace").kind());
    }

    @Test
    public void contradictionsAreRefused() {
        assertEquals("--output: 'table,json': table and json exclude each other", refusal("table,json"));
        assertEquals("--output: 'conntrack,save': conntrack and save exclude each other", refusal("conntrack,save"));
        assertEquals("--output: 'json,extended': extended applies to the conntrack and save formats only, "
                + "not to json", refusal("json,extended"));
        assertTrue(refusal("table,id").contains("id applies to the conntrack"));
    }

    @Test
    public void unknownAndEmptyItemsAreRefused() {
        assertEquals("--output: 'foo': 'foo' is not one of table, conntrack, json, save, extended, timestamp, id, "
                + "ktimestamp, labels, userspace", refusal("foo"));
        assertEquals("--output: 'extended,' has an empty item", refusal("extended,"));
        assertEquals("--output: '' has an empty item", refusal(""));
        assertEquals("--output: 'xml': xml output is not supported, use json", refusal("xml"));
        // The tool reads s and d as its SRC_NAT/DST_NAT leftovers and ignores them; here they are an error.
        assertTrue(refusal("s").contains("'s' is not one of"));
        assertTrue(refusal("d").contains("'d' is not one of"));
        assertTrue(refusal("extendedx").contains("'extendedx' is not one of"));
    }

    @Test
    public void valuesForCompletion() {
        assertEquals(4, OutputFormat.values().length);
        assertEquals("table", OutputFormat.values()[0].label());
        assertTrue(OutputFormat.names().contains("ktimestamp"));
    }
}
