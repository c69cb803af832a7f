package io.dittofs.smb.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs, before any test runs, a Netty leak detector factory that records every leak it
 * reports (leak detection is paranoid in tests), so a test can fail on a leaked buffer instead of
 * leaving an ERROR line in the log.
 */
public final class LeakTracker implements LauncherSessionListener {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    public static void install() {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                    Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + records);
                        super.reportTracedLeak(resourceType, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType);
                        super.reportUntracedLeak(resourceType);
                    }
                };
            }
        });
    }

    /** Collects garbage and allocates, so pending leaks are reported; returns every leak so far. */
    public static List<String> leaks() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            for (int j = 0; j < 100; j++) {
                io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(16).release();
                io.netty.buffer.Unpooled.buffer(16).release();
            }
        }
        return List.copyOf(LEAKS);
    }
}
