package io.dittofs.runtime.fs;

/** What a file create does when the name exists (RFC 1813 section 3.3.8, createhow3). */
public sealed interface CreateMode {
    /** Open the existing file (applying any size in the initial attributes). */
    record Unchecked() implements CreateMode {}

    /** Fail with EXISTS. */
    record Guarded() implements CreateMode {}

    /**
     * Succeed only if the existing file was created by this same exclusive create (a
     * retransmission): the verifier is stored with the file and compared.
     */
    record Exclusive(long verifier) implements CreateMode {}

    CreateMode UNCHECKED = new Unchecked();
    CreateMode GUARDED = new Guarded();
}
