package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Setattr3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.nfs.v3.xdr.WccRes3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.SetAttributesResult;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * SETATTR (RFC 1813 section 3.3.2). With a guard, "the server must compare the value of
 * guard.obj_ctime to the current ctime return value of the object. If the values are different,
 * the server must preserve the object attributes and must return a status of NFS3ERR_NOT_SYNC":
 * the runtime makes that comparison atomically with the change.
 */
public final class SetattrHandler extends Nfs3Handler<Setattr3.Args, WccRes3> {
    public SetattrHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
    }

    @Override
    public boolean idempotent() {
        return false; // a retransmitted guarded SETATTR would fail NOT_SYNC against its own change
    }

    @Override
    protected Setattr3.Args decode(XdrReader in) {
        return Setattr3.Args.decode(in);
    }

    @Override
    protected WccRes3 execute(Nfs3Request request, Setattr3.Args args) {
        Target t = request.resolve(args.object());
        Long guard = args.guard() == null ? null : args.guard().toNanos();
        SetAttributesResult r =
                t.fs().setAttributes(t.auth(), t.node(), args.attributes().toSetAttributes(), guard);
        return new WccRes3(Nfsstat3.NFS3_OK, new WccData3(WccData3.WccAttr3.of(r.before()), t.fattr(r.after())));
    }

    @Override
    protected WccRes3 failure(Nfsstat3 status, Setattr3.Args args) {
        return new WccRes3(status, WccData3.NONE);
    }
}
