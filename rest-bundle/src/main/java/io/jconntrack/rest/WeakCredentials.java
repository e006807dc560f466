package io.jconntrack.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds logins of the realm that anybody can guess: the development and vendor defaults ({@code karaf}/{@code karaf}
 * of Karaf's own {@code users.properties}, OpenDaylight's {@code admin}/{@code admin}, ...), and, for each user named
 * in {@code etc/users.properties}, its own name or an empty password. Each candidate is tried on the realm itself, so
 * whatever stores the passwords (plain, encrypted, LDAP) is checked the same way. The agent refuses to listen beyond
 * the loopback while one works.
 */
final class WeakCredentials {
    /** Defaults shipped by Karaf, OpenDaylight and common examples; each user with the password next to it. */
    static final Map<String, List<String>> WELL_KNOWN = Map.of(
            "karaf", List.of("karaf"),
            "admin", List.of("admin", "password", "karaf"),
            "tesla", List.of("tesla"),
            "root", List.of("root"),
            "user", List.of("user"),
            "viewer", List.of("viewer"),
            "test", List.of("test"),
            "guest", List.of("guest"));

    private WeakCredentials() {
    }

    /** The users (with the password that worked) the realm accepts with a guessable password. */
    static List<String> find(RealmLogin realm, Path usersFile) {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        WELL_KNOWN.forEach((user, passwords) -> candidates.computeIfAbsent(user, u -> new ArrayList<>())
                .addAll(passwords));
        for (String user : users(usersFile)) {
            List<String> passwords = candidates.computeIfAbsent(user, u -> new ArrayList<>());
            passwords.add(user);
            passwords.add("");
        }
        List<String> weak = new ArrayList<>();
        candidates.forEach((user, passwords) -> {
            for (String password : passwords) {
                if (realm.roles(user, password) != null) {
                    weak.add(user);
                    return;
                }
            }
        });
        return weak;
    }

    /** User names of a Karaf {@code users.properties} (groups, {@code _g_:NAME}, are not users). */
    private static List<String> users(Path file) {
        List<String> users = new ArrayList<>();
        if (file == null || !Files.isReadable(file)) {
            return users;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return users;
        }
        for (String name : p.stringPropertyNames()) {
            if (!name.startsWith("_g_:")) {
                users.add(name);
            }
        }
        return users;
    }
}
