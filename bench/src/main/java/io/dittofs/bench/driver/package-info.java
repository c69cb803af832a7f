/**
 * One file-system view ({@link io.dittofs.bench.driver.FsConnection}) over each protocol, so the
 * workloads are written once: NFSv3 (MOUNT + NFSv3), NFSv4.1 (sessions) and SMB3 (smbj).
 */
@NullMarked
package io.dittofs.bench.driver;

import org.jspecify.annotations.NullMarked;
