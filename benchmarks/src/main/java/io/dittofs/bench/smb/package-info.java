/**
 * JMH benchmarks of the SMB adapter's per-byte costs: message encryption (AES-CCM on the JDK
 * against BouncyCastle, and AES-GCM). Not run by the build. Run: {@code ./mvnw -pl benchmarks -am
 * package -DskipTests && java -jar benchmarks/target/benchmarks.jar "io.dittofs.bench.smb"}.
 */
@NullMarked
package io.dittofs.bench.smb;

import org.jspecify.annotations.NullMarked;
