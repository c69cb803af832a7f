/**
 * JMH benchmarks of the runtime's namespace operations over each metadata store. Not run by the
 * build: {@code ./mvnw -pl benchmarks -am package && java -jar benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package io.dittofs.benchmarks;

import org.jspecify.annotations.NullMarked;
