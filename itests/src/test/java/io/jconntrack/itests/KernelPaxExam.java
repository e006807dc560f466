package io.jconntrack.itests;

import io.jconntrack.testsupport.Preconditions;
import java.util.Optional;
import org.junit.AssumptionViolatedException;
import org.junit.runner.Description;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam's runner behind the kernel-test preconditions, checked in this (the driver) JVM before any container
 * boots: a missing precondition or {@code -Djconntrack.kernelTests=false} skips every test of the class, with the
 * printed reason. A {@code @BeforeClass} cannot do it: Pax Exam's runner does not run {@code @BeforeClass} methods in
 * the driver ({@code ProbeRunner.classBlock} leaves them out), so the check there never skipped anything and Karaf
 * booted and ran the tests even with {@code -Djconntrack.kernelTests=false}.
 */
public final class KernelPaxExam extends PaxExam {
    public KernelPaxExam(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    public void run(RunNotifier notifier) {
        Optional<String> reason = Preconditions.kernelUnavailableReason();
        if (reason.isEmpty()) {
            super.run(notifier);
            return;
        }
        System.out.println("SKIPPED kernel test: " + reason.get());
        for (Description test : getDescription().getChildren()) {
            notifier.fireTestStarted(test);
            notifier.fireTestAssumptionFailed(new Failure(test, new AssumptionViolatedException(reason.get())));
            notifier.fireTestFinished(test);
        }
    }
}
