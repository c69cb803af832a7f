package io.dittofs.runtime.fs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that an operation fails with a given error code. */
final class FsAssertions {
    private FsAssertions() {}

    static void failsWith(ErrorCode code, ThrowingCallable op) {
        assertThatThrownBy(op)
                .isInstanceOf(FsException.class)
                .extracting(e -> ((FsException) e).code())
                .isEqualTo(code);
    }
}
