package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Commit3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * COMMIT (RFC 1813 section 3.3.21): makes the file's unstable writes durable. The whole file is
 * committed whatever the range ("the server may commit more data than requested"); the verifier
 * tells the client whether the writes it is committing survived.
 */
public final class CommitHandler extends Nfs3Handler<Commit3.Args, Commit3.Res> {
    private final long verifier;

    public CommitHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
        this.verifier = settings.writeVerifier();
    }

    @Override
    protected Commit3.Args decode(XdrReader in) {
        return Commit3.Args.decode(in);
    }

    @Override
    protected Commit3.Res execute(Nfs3Request request, Commit3.Args args) {
        Target t = request.resolve(args.file());
        Attributes a = t.fs().commit(t.auth(), t.node());
        return new Commit3.Res.Ok(new WccData3(null, t.fattr(a)), verifier);
    }

    @Override
    protected Commit3.Res failure(Nfsstat3 status, Commit3.Args args) {
        return new Commit3.Res.Fail(status, WccData3.NONE);
    }
}
