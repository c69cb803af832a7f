package io.dittofs.runtime.fs;

/** How a SETATTR sets a time: to the server's clock, or to a given instant. */
public sealed interface SetTime {
    /** The server's current time. */
    record ServerTime() implements SetTime {}

    /** A given time, in nanoseconds since the epoch. */
    record At(long nanos) implements SetTime {}

    SetTime NOW = new ServerTime();

    static SetTime at(long nanos) {
        return new At(nanos);
    }
}
