package io.dittofs.nfs.v4;

import io.dittofs.nfs.v4.attr.AttrSource;
import io.dittofs.runtime.acl.AclModes;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileType;
import io.dittofs.runtime.fs.FsInfo;
import io.dittofs.runtime.fs.FsStats;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareRegistry;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The pseudo-root (RFC 7530 section 7.3): a read-only directory whose entries are the shares a
 * client may use over NFSv4, each a junction into its share's root. It is its own file system
 * (fsid 0), and the fileid of a share's junction is {@link #junctionFileId}, which the share's
 * root reports as mounted_on_fileid.
 */
public final class PseudoFs {
    public static final long ROOT_FILEID = 1;
    private static final FsInfo INFO = new FsInfo(65536, 65536, 4096, 0, 255, 1, 1);
    private static final FsStats NO_SPACE = new FsStats(0, 0, 0, 0, 0, 0);

    private final long bootNanos;

    public PseudoFs(long bootNanos) {
        this.bootNanos = bootNanos;
    }

    /** The fileid of the junction to a share, distinct from the pseudo-root's and every other share's. */
    public static long junctionFileId(int shareId) {
        return (1L << 32) | Integer.toUnsignedLong(shareId);
    }

    /** The fsid major of a share's file system. */
    public static long fsidOf(int shareId) {
        return (1L << 32) | Integer.toUnsignedLong(shareId);
    }

    /** The shares this client may see, by name. */
    public static List<Share> visible(ShareRegistry shares, InetSocketAddress client) {
        return shares.all().stream()
                .filter(s -> s.admits(Protocol.NFS4, client))
                .toList();
    }

    public Attributes attributes(List<Share> visible) {
        long change =
                bootNanos + visible.stream().mapToLong(s -> s.name().hashCode()).sum();
        return new Attributes(
                new NodeId(ROOT_FILEID, 0),
                FileType.DIRECTORY,
                0555,
                0,
                0,
                2 + visible.size(),
                4096,
                4096,
                0,
                bootNanos,
                bootNanos,
                bootNanos,
                bootNanos,
                change,
                0);
    }

    public AttrSource source(List<Share> visible, int minorVersion) {
        return new AttrSource(
                Nfs4Handle.ROOT,
                attributes(visible),
                INFO,
                () -> NO_SPACE,
                () -> AclModes.fromMode(0555, true),
                0,
                ROOT_FILEID,
                minorVersion);
    }
}
