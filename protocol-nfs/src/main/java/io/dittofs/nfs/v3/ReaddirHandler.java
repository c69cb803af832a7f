package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.v3.xdr.Readdir3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.share.ShareRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR (RFC 1813 section 3.3.16). "count: The maximum size of the READDIR3resok structure, in
 * bytes": entries are packed until the next would pass it (itself clamped to rtmax); if not even
 * one fits, NFS3ERR_TOOSMALL. Cookies and the cookie verifier are the runtime's, which keeps them
 * valid while entries come and go.
 */
public final class ReaddirHandler extends Nfs3Handler<Readdir3.Args, Readdir3.Res> {
    private final int maxReply;

    public ReaddirHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
        this.maxReply = settings.maxReadSize();
    }

    @Override
    protected Readdir3.Args decode(XdrReader in) {
        return Readdir3.Args.decode(in);
    }

    @Override
    protected Readdir3.Res execute(Nfs3Request request, Readdir3.Args args) {
        Target dir = request.resolve(args.dir());
        int budget = (int) Math.min(Integer.toUnsignedLong(args.count()), maxReply);
        int used = Readdir3.Ok.HEADER_SIZE + Readdir3.Ok.TRAILER_SIZE;
        DirectoryPage page = DirectoryPage.read(
                dir, args.cookie(), args.cookieVerifier(), (budget - used) / DirectoryPage.MIN_ENTRY_SIZE, false);
        List<Readdir3.Entry> entries = new ArrayList<>();
        for (DirectoryEntry e : page.candidates()) {
            Readdir3.Entry entry = new Readdir3.Entry(e.id().fileId(), e.name(), e.cookie());
            if (used + entry.size() > budget) {
                break;
            }
            used += entry.size();
            entries.add(entry);
        }
        if (entries.isEmpty() && !page.candidates().isEmpty()) {
            return PostOpFail3.of(Nfsstat3.NFS3ERR_TOOSMALL);
        }
        boolean eof =
                entries.size() == page.candidates().size() && page.listing().eof();
        return new Readdir3.Ok(
                dir.fattr(page.listing().directory()), page.listing().verifier(), entries, eof);
    }

    @Override
    protected Readdir3.Res failure(Nfsstat3 status, Readdir3.Args args) {
        return PostOpFail3.of(status);
    }
}
