/**
 * dfsbench: a host-side load generator that runs the same workloads over NFSv3, NFSv4.1 and SMB3
 * against any server (DittoFS, NFS-Ganesha, Samba) and prints the ratios. It uses protocol clients
 * only (the NFS client classes of {@code protocol-nfs}, and smbj), never server internals.
 */
@NullMarked
package io.dittofs.bench;

import org.jspecify.annotations.NullMarked;
