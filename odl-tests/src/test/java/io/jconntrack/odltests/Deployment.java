package io.jconntrack.odltests;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Karaf's deployer says it does or would do ({@code feature:install -t -v} prints it; a real deployment logs the
 * same lines to karaf.log): the bundles it installs, refreshes and stops, each line as Karaf prints it.
 */
record Deployment(List<String> toInstall, List<String> toRefresh, List<String> toStop) {

    /** Parses the console output of a dry run, or the karaf.log lines of a deployment. */
    static Deployment parse(String text) {
        List<String> install = new ArrayList<>();
        List<String> refresh = new ArrayList<>();
        List<String> stop = new ArrayList<>();
        List<String> section = null;
        for (String raw : text.split("\n")) {
            // karaf.log: "date | INFO | thread | FeaturesServiceImpl | bundle | message"
            String line = raw.contains(" | ") ? raw.substring(raw.lastIndexOf(" | ") + 3) : raw;
            String t = line.trim();
            if (t.equals("Bundles to install:")) {
                section = install;
            } else if (t.equals("Bundles to refresh:") || t.equals("Refreshing bundles:")) {
                section = refresh;
            } else if (t.equals("Stopping bundles:")) {
                section = stop;
            } else if (t.endsWith(":") || t.isEmpty() || !line.startsWith("  ")) {
                section = null;
            } else if (section != null) {
                section.add(t);
            }
        }
        return new Deployment(List.copyOf(install), List.copyOf(refresh), List.copyOf(stop));
    }

    /** The symbolic names (before the slash) of the bundles refreshed. */
    Set<String> refreshedNames() {
        Set<String> names = new TreeSet<>();
        for (String r : toRefresh) {
            names.add(r.split("/", 2)[0]);
        }
        return names;
    }
}
