package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Symlink3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.share.ShareRegistry;

/** SYMLINK (RFC 1813 section 3.3.10): the target is stored as given, never interpreted. */
public final class SymlinkHandler extends Nfs3Handler<Symlink3.Args, DirOpRes3> {
    public SymlinkHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected Symlink3.Args decode(XdrReader in) {
        return Symlink3.Args.decode(in);
    }

    @Override
    protected DirOpRes3 execute(Nfs3Request request, Symlink3.Args args) {
        Target dir = request.resolve(args.where().dir());
        return CreateHandler.created(
                dir,
                dir.fs()
                        .createSymlink(
                                dir.auth(),
                                dir.node(),
                                args.where().name(),
                                args.target(),
                                args.attributes().toSetAttributes()));
    }

    @Override
    protected DirOpRes3 failure(Nfsstat3 status, Symlink3.Args args) {
        return new DirOpRes3.Fail(status, WccData3.NONE);
    }
}
