package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FsInfo;
import io.dittofs.runtime.fs.FsStats;
import java.util.function.Supplier;

/**
 * Everything one object's fattr4 is made of.
 *
 * @param handle the object's handle
 * @param attrs its runtime attributes (synthesized for the pseudo-root)
 * @param info its file system's limits
 * @param stats its file system's space and file counts, fetched only when asked for
 * @param acl its ACL, fetched only when asked for
 * @param fsidMajor its file system's id (each share is one; the pseudo-root another)
 * @param mountedOnFileId the fileid of the directory it is mounted on: for a share's root, its
 *     junction in the pseudo-root; else its own fileid
 * @param minorVersion the COMPOUND's minor version
 */
public record AttrSource(
        Nfs4Handle handle,
        Attributes attrs,
        FsInfo info,
        Supplier<FsStats> stats,
        Supplier<Acl> acl,
        long fsidMajor,
        long mountedOnFileId,
        int minorVersion) {}
