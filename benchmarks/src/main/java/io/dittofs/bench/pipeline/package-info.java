/**
 * JMH benchmarks of the block pipeline, in MB/s per core: FastCDC, BLAKE3 (each
 * implementation), zstd, lz4, AES-256-GCM, ChaCha20-Poly1305, and all of them together (chunk,
 * hash, compress, encrypt). Not run by the build. Run: {@code ./mvnw -pl benchmarks -am package
 * -DskipTests && java -jar benchmarks/target/benchmarks.jar "io.dittofs.bench.pipeline"}.
 */
@NullMarked
package io.dittofs.bench.pipeline;

import org.jspecify.annotations.NullMarked;
