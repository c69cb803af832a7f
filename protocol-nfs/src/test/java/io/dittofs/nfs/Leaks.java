package io.dittofs.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns Netty's leak reports (paranoid in tests, see the parent POM) into test failures: the
 * detector's reports are collected, and {@link #assertNone} forces collection and fails on any.
 */
public final class Leaks {
    private static final List<String> found = new CopyOnWriteArrayList<>();

    static {
        try {
            Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
            f.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) f.get(null);
            detector.setLeakListener((type, records) -> found.add(type + ": " + records));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Leaks() {}

    /** Starts listening (call before the code under test allocates). */
    public static void install() {}

    /** Collects garbage, lets the detector report, and fails on any leak seen since install. */
    public static void assertNone() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // The detector reports while tracking new buffers.
            ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(16);
            b.release();
            ByteBuf h = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
            h.release();
        }
        assertThat(found).as("leaked buffers").isEmpty();
    }
}
