/** The workloads, the runner that times them in alternating rounds, and the report. */
@NullMarked
package io.dittofs.bench.workload;

import org.jspecify.annotations.NullMarked;
