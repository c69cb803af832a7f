package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Fattr3;
import io.dittofs.nfs.v3.xdr.Mknod3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.FileType;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * MKNOD (RFC 1813 section 3.3.11): devices, sockets and FIFOs. Other types are refused: "If the
 * client attempts to create a file of an unsupported type, NFS3ERR_BADTYPE".
 */
public final class MknodHandler extends Nfs3Handler<Mknod3.Args, DirOpRes3> {
    public MknodHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected Mknod3.Args decode(XdrReader in) {
        return Mknod3.Args.decode(in);
    }

    @Override
    protected DirOpRes3 execute(Nfs3Request request, Mknod3.Args args) {
        FileType type =
                switch (args.type()) {
                    case Fattr3.NF3CHR -> FileType.CHAR_DEVICE;
                    case Fattr3.NF3BLK -> FileType.BLOCK_DEVICE;
                    case Fattr3.NF3SOCK -> FileType.SOCKET;
                    case Fattr3.NF3FIFO -> FileType.FIFO;
                    default -> null;
                };
        if (type == null) {
            return new DirOpRes3.Fail(Nfsstat3.NFS3ERR_BADTYPE, WccData3.NONE);
        }
        Target dir = request.resolve(args.where().dir());
        return CreateHandler.created(
                dir,
                dir.fs()
                        .createSpecial(
                                dir.auth(),
                                dir.node(),
                                args.where().name(),
                                type,
                                args.rdev(),
                                args.attributes().toSetAttributes()));
    }

    @Override
    protected DirOpRes3 failure(Nfsstat3 status, Mknod3.Args args) {
        return new DirOpRes3.Fail(status, WccData3.NONE);
    }
}
