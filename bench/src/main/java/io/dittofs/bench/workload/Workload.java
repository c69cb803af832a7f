package io.dittofs.bench.workload;

import io.dittofs.bench.driver.FsConnection;
import java.io.IOException;
import java.util.List;

/**
 * One workload: fixtures made once per target (not timed), then one {@link Client} per
 * concurrent client whose {@link Client#step} is one timed operation.
 */
public interface Workload {
    String name();

    /** What one operation is, for the report. */
    String description();

    /** Whether bytes per second means something for this workload. */
    default boolean movesData() {
        return false;
    }

    /**
     * Whether the workload runs out of work (remove): it is timed from its first operation, as a
     * warm-up could use it all up; its untimed set-up warmed the connections already.
     */
    default boolean finite() {
        return false;
    }

    /**
     * Makes the fixtures every client of this run reads (the random-I/O file, the stat set, the
     * big directory) when they are not there yet; {@code conns} may be used in parallel.
     */
    default void prepareShared(Fixture f, List<FsConnection> conns) throws IOException {}

    Client client(Fixture f, FsConnection conn, int index) throws IOException;

    /** One client's sequence of operations. */
    interface Client {
        /** Untimed set-up: open files, create what this client will remove. */
        default void prepare() throws IOException {}

        /** Operation number {@code i}: returns the bytes moved, or -1 when nothing is left to do. */
        long step(long i) throws IOException;

        /** Untimed: close what {@link #prepare} opened. */
        default void finish() throws IOException {}
    }

    /**
     * Where one run of a workload happens.
     *
     * @param runDir this run's own directory (workload, client count, round), already created
     * @param sharedDir the target's directory of fixtures reused across runs, already created
     */
    record Fixture(String runDir, String sharedDir, int clients, Settings settings, Data data) {}
}
