package io.jconntrack.consoletests;

import io.jconntrack.testsupport.Preconditions;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.runner.RunWith;
import org.junit.runners.Suite;

/**
 * The kernel tests of this module against one Karaf: the assembly is booted once here and stopped after the last
 * class, also when a test fails. Skipped, with the printed reason, where kernel tests cannot run.
 */
@RunWith(Suite.class)
@Suite.SuiteClasses({AssemblyBootIT.class, AssemblyPortsIT.class, BinClientFailuresIT.class, ToolAgreementIT.class})
public class ConsoleSuite {
    private static boolean acquired;

    @BeforeClass
    public static void startKaraf() {
        Preconditions.requireKernel();
        SharedKaraf.acquire();
        acquired = true;
    }

    @AfterClass
    public static void stopKaraf() {
        if (acquired) {
            acquired = false;
            SharedKaraf.release();
        }
    }
}
