package io.jconntrack.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.CpuStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link ConntrackStatistics}: {@code entries}, {@code maxEntries} and {@code perCpu}, one object per CPU with the
 * record's field names ({@code insertFailed}, {@code earlyDrop}, {@code searchRestart}, ...).
 */
public final class StatisticsJson {
    private static final Set<String> FIELDS = Set.of("entries", "maxEntries", "perCpu");
    private static final Set<String> CPU_FIELDS = Set.of("cpu", "found", "invalid", "insert", "insertFailed", "drop",
            "earlyDrop", "error", "searchRestart", "clashResolve", "chainTooLong");

    private StatisticsJson() {
    }

    public static ObjectNode write(ConntrackStatistics s) {
        ObjectNode o = Json.object();
        o.put("entries", s.entries());
        o.put("maxEntries", s.maxEntries());
        com.fasterxml.jackson.databind.node.ArrayNode cpus = o.putArray("perCpu");
        for (CpuStatistics c : s.perCpu()) {
            cpus.addObject().put("cpu", c.cpu()).put("found", c.found()).put("invalid", c.invalid())
                    .put("insert", c.insert()).put("insertFailed", c.insertFailed()).put("drop", c.drop())
                    .put("earlyDrop", c.earlyDrop()).put("error", c.error()).put("searchRestart", c.searchRestart())
                    .put("clashResolve", c.clashResolve()).put("chainTooLong", c.chainTooLong());
        }
        return o;
    }

    public static ConntrackStatistics read(JsonNode node) {
        JsonFields f = new JsonFields(node, "statistics", FIELDS);
        List<CpuStatistics> cpus = new ArrayList<>();
        JsonNode list = f.object("perCpu", false);
        if (list != null) {
            int i = 0;
            for (JsonNode item : list) {
                JsonFields c = new JsonFields(item, "perCpu[" + i++ + "]", CPU_FIELDS);
                cpus.add(new CpuStatistics(c.intOrZero("cpu"), c.longOrZero("found"), c.longOrZero("invalid"),
                        c.longOrZero("insert"), c.longOrZero("insertFailed"), c.longOrZero("drop"),
                        c.longOrZero("earlyDrop"), c.longOrZero("error"), c.longOrZero("searchRestart"),
                        c.longOrZero("clashResolve"), c.longOrZero("chainTooLong")));
            }
        }
        return new ConntrackStatistics(f.longOrZero("entries"), f.longOrZero("maxEntries"), cpus);
    }
}
