package io.dittofs.nfs.v3;

/**
 * What the NFSv3 handlers need to know about the server.
 *
 * @param maxReadSize the largest READ served (FSINFO rtmax); larger counts are clamped
 * @param maxWriteSize the largest WRITE accepted (FSINFO wtmax)
 * @param preferredReaddirSize FSINFO dtpref
 * @param writeVerifier the write verifier: changes with every server start (RFC 1813 section 3.3.7)
 */
public record Nfs3Settings(int maxReadSize, int maxWriteSize, int preferredReaddirSize, long writeVerifier) {}
