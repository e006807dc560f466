package io.jconntrack.consoletests;

/**
 * One started assembly for every test class of the JVM: {@link ConsoleSuite} acquires it around all of them, so the
 * module boots Karaf once; a class run alone ({@code -Dtest=ToolAgreementIT}) acquires it first and stops it in its
 * own {@code @AfterClass}. The last {@link #release()} stops it; a shutdown hook stops it when the JVM ends first.
 */
final class SharedKaraf {
    private static ConsoleKaraf karaf;
    private static int users;
    private static Thread hook;

    private SharedKaraf() {
    }

    /** The running assembly, started by the first caller; every call needs a {@link #release()}. */
    static synchronized ConsoleKaraf acquire() {
        if (karaf == null) {
            karaf = ConsoleKaraf.start();
            hook = new Thread(SharedKaraf::stop, "stop Karaf");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        users++;
        return karaf;
    }

    static synchronized void release() {
        if (users > 0 && --users == 0) {
            stop();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private static synchronized void stop() {
        if (karaf != null) {
            karaf.close();
            karaf = null;
        }
    }
}
