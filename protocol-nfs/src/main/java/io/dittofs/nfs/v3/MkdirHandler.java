package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Mkdir3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.share.ShareRegistry;

/** MKDIR (RFC 1813 section 3.3.9). */
public final class MkdirHandler extends Nfs3Handler<Mkdir3.Args, DirOpRes3> {
    public MkdirHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected Mkdir3.Args decode(XdrReader in) {
        return Mkdir3.Args.decode(in);
    }

    @Override
    protected DirOpRes3 execute(Nfs3Request request, Mkdir3.Args args) {
        Target dir = request.resolve(args.where().dir());
        return CreateHandler.created(
                dir,
                dir.fs()
                        .createDirectory(
                                dir.auth(),
                                dir.node(),
                                args.where().name(),
                                args.attributes().toSetAttributes()));
    }

    @Override
    protected DirOpRes3 failure(Nfsstat3 status, Mkdir3.Args args) {
        return new DirOpRes3.Fail(status, WccData3.NONE);
    }
}
