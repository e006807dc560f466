package io.jconntrack.odltests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running container is, as far as "disturbed" can be seen from its console: every bundle (id, state, symbolic
 * name and version), every service with the bundle that registered it (a bundle restarted or refreshed registers its
 * services again, under new ids), and every bundle's wiring (each requirement and the bundle it is wired to). Read
 * with {@code bundle:list}, {@code service:list} and {@code bundle:requirements}.
 */
record ContainerState(Map<Long, String> bundles, Map<Long, Set<Long>> services, Map<Long, Set<String>> wiring) {
    private static final Pattern BUNDLE = Pattern.compile("^\\s*(\\d+)\\t\\s*(\\S+)\\s*\\t\\s*\\d+\\s*\\t\\s*(\\S+)\\s*\\t\\s*(.*?)\\s*$");
    private static final Pattern REQUIRER = Pattern.compile("^(\\S+) \\[(\\d+)\\] requires:$");
    private static final Pattern PROVIDER = Pattern.compile("^\\s+(.*) from (\\S+) \\[(\\d+)\\]$");

    /**
     * The three readings, written to files by the container's shell ({@code COMMAND > FILE}) in one bin/client
     * session and read from there: bin/client -b has been seen, often, to end a long output (the megabyte of
     * bundle:requirements) at a 32 KiB boundary before its last lines arrived.
     */
    static ContainerState of(OdlKaraf karaf) {
        Path dir = karaf.home().resolveSibling(karaf.home().getFileName() + "-state");
        try {
            Files.createDirectories(dir);
            for (String f : List.of("bundles", "services", "wiring")) {
                Files.deleteIfExists(dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        karaf.console("bundle:list -t 0 -s --no-format > " + dir.resolve("bundles"),
                "service:list > " + dir.resolve("services"), "bundle:requirements > " + dir.resolve("wiring"));
        try {
            return new ContainerState(bundles(Files.readString(dir.resolve("bundles"))),
                    services(Files.readString(dir.resolve("services"))),
                    wiring(Files.readString(dir.resolve("wiring"))));
        } catch (IOException e) {
            throw new UncheckedIOException("the container's shell did not write its state to " + dir, e);
        }
    }

    /** id → "STATE symbolic.name/version". */
    static Map<Long, String> bundles(String list) {
        Map<Long, String> bundles = new TreeMap<>();
        for (String line : list.split("\n")) {
            Matcher m = BUNDLE.matcher(line);
            if (m.matches()) {
                bundles.put(Long.parseLong(m.group(1)), m.group(2) + " " + m.group(4) + "/" + m.group(3));
            }
        }
        if (bundles.isEmpty()) {
            throw new AssertionError("no bundle in bundle:list output: " + list);
        }
        return bundles;
    }

    /** bundle id → ids of the services it registered. */
    static Map<Long, Set<Long>> services(String list) {
        Map<Long, Set<Long>> services = new TreeMap<>();
        Long id = null;
        for (String line : list.split("\n")) {
            String t = line.trim();
            if (t.startsWith("[")) {
                id = null;
            } else if (t.startsWith("service.id = ")) {
                id = Long.parseLong(t.substring("service.id = ".length()).trim());
            } else if (t.startsWith("service.bundleid = ") && id != null) {
                services.computeIfAbsent(Long.parseLong(t.substring("service.bundleid = ".length()).trim()),
                        k -> new TreeSet<>()).add(id);
            }
        }
        return services;
    }

    /** bundle id → "requirement => provider [id]" for each wire of the bundle. */
    static Map<Long, Set<String>> wiring(String requirements) {
        Map<Long, Set<String>> wiring = new TreeMap<>();
        Set<String> current = null;
        String requirement = null;
        for (String line : requirements.split("\n")) {
            Matcher r = REQUIRER.matcher(line);
            Matcher p = PROVIDER.matcher(line);
            if (r.matches()) {
                current = wiring.computeIfAbsent(Long.parseLong(r.group(2)), k -> new TreeSet<>());
                requirement = null;
            } else if (current != null && p.matches() && requirement != null) {
                current.add(requirement + " => " + p.group(2) + " [" + p.group(3) + "]");
            } else if (current != null && line.endsWith(" resolved by:")) {
                requirement = line.substring(0, line.length() - " resolved by:".length());
            }
        }
        return wiring;
    }

    /** Ids of the bundles whose symbolic name starts with {@code io.jconntrack}. */
    Set<Long> jconntrackBundles() {
        Set<Long> ids = new TreeSet<>();
        bundles.forEach((id, b) -> {
            if (b.split(" ", 2)[1].startsWith("io.jconntrack.")) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * How the bundles of {@code before} changed in this state: gone, in another state, with a service gone (restarted
     * or refreshed), wired differently (a wire gone, or a wire added to one of {@code ours}). Empty when undisturbed.
     * Wires added to bundles that are not ours are left out: bundles with {@code DynamicImport-Package} wire
     * packages as they first load them, whatever else happens.
     */
    List<String> disturbancesSince(ContainerState before, Set<Long> ours) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Long, String> b : new TreeMap<>(before.bundles).entrySet()) {
            long id = b.getKey();
            if (ours.contains(id)) {
                continue;
            }
            String now = bundles.get(id);
            if (now == null) {
                found.add("bundle " + id + " (" + b.getValue() + ") is gone");
                continue;
            }
            if (!now.equals(b.getValue())) {
                found.add("bundle " + id + " was " + b.getValue() + ", is " + now);
            }
            Set<Long> lost = new TreeSet<>(before.services.getOrDefault(id, Set.of()));
            lost.removeAll(services.getOrDefault(id, Set.of()));
            if (!lost.isEmpty()) {
                found.add("bundle " + id + " (" + now + ") no longer has its services " + lost
                        + " (restarted or refreshed)");
            }
            Set<String> wiresBefore = before.wiring.getOrDefault(id, Set.of());
            Set<String> wiresNow = wiring.getOrDefault(id, Set.of());
            for (String w : wiresBefore) {
                if (!wiresNow.contains(w)) {
                    found.add("bundle " + id + " (" + now + ") lost its wire " + w);
                }
            }
            for (String w : wiresNow) {
                if (!wiresBefore.contains(w) && ours.stream().anyMatch(o -> w.endsWith("[" + o + "]"))) {
                    found.add("bundle " + id + " (" + now + ") is wired to jconntrack: " + w);
                }
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** The bundles of {@code ids} that are not Active. */
    List<String> notActive(Set<Long> ids) {
        List<String> found = new ArrayList<>();
        for (long id : ids) {
            String b = bundles.get(id);
            if (b == null || !b.startsWith("Active ")) {
                found.add(id + " " + b);
            }
        }
        return found;
    }
}
