package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.CreateResult;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * CREATE (RFC 1813 section 3.3.8): UNCHECKED opens an existing file, GUARDED fails with
 * NFS3ERR_EXIST, EXCLUSIVE stores the client's verifier so that a retransmission finds its own
 * file ("the server ... should compare the verifier ... and return NFS3_OK if they match"). After
 * an exclusive create the client sets the attributes with SETATTR.
 */
public final class CreateHandler extends Nfs3Handler<Create3.Args, DirOpRes3> {
    public CreateHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    protected Create3.Args decode(XdrReader in) {
        return Create3.Args.decode(in);
    }

    @Override
    protected DirOpRes3 execute(Nfs3Request request, Create3.Args args) {
        Target dir = request.resolve(args.where().dir());
        SetAttributes initial;
        CreateMode mode;
        switch (args.how()) {
            case Create3.How.Unchecked u -> {
                initial = u.attributes().toSetAttributes();
                mode = CreateMode.UNCHECKED;
            }
            case Create3.How.Guarded g -> {
                initial = g.attributes().toSetAttributes();
                mode = CreateMode.GUARDED;
            }
            case Create3.How.Exclusive e -> {
                initial = SetAttributes.NONE;
                mode = new CreateMode.Exclusive(e.verifier());
            }
        }
        CreateResult r =
                dir.fs().createFile(dir.auth(), dir.node(), args.where().name(), initial, mode);
        return created(dir, r);
    }

    static DirOpRes3 created(Target dir, CreateResult r) {
        return new DirOpRes3.Ok(dir.handle(r.created().id()), dir.fattr(r.created()), dir.wcc(r.directory()));
    }

    @Override
    protected DirOpRes3 failure(Nfsstat3 status, Create3.Args args) {
        return new DirOpRes3.Fail(status, WccData3.NONE);
    }
}
