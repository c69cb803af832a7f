package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.v3.xdr.Readdir3;
import io.dittofs.nfs.v3.xdr.Readdirplus3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.share.ShareRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIRPLUS (RFC 1813 section 3.3.17): READDIR with each entry's attributes and handle. Two
 * budgets hold: "dircount: The maximum number of bytes of directory information returned" (file
 * ids, names and cookies) and "maxcount: The maximum size of the READDIRPLUS3resok structure"
 * (clamped to rtmax).
 */
public final class ReaddirplusHandler extends Nfs3Handler<Readdirplus3.Args, Readdirplus3.Res> {
    private final int maxReply;

    public ReaddirplusHandler(ShareRegistry shares, Nfs3Settings settings) {
        super(shares, settings);
        this.maxReply = settings.maxReadSize();
    }

    @Override
    protected Readdirplus3.Args decode(XdrReader in) {
        return Readdirplus3.Args.decode(in);
    }

    @Override
    protected Readdirplus3.Res execute(Nfs3Request request, Readdirplus3.Args args) {
        Target dir = request.resolve(args.dir());
        int budget = (int) Math.min(Integer.toUnsignedLong(args.maxCount()), maxReply);
        long dirBudget = Integer.toUnsignedLong(args.dirCount());
        int used = Readdir3.Ok.HEADER_SIZE + Readdir3.Ok.TRAILER_SIZE;
        int dirUsed = 0;
        int perEntry = DirectoryPage.MIN_ENTRY_SIZE + 4 + 84 + 4 + 4 + 20;
        DirectoryPage page =
                DirectoryPage.read(dir, args.cookie(), args.cookieVerifier(), (budget - used) / perEntry, true);
        List<Readdirplus3.Entry> entries = new ArrayList<>();
        for (DirectoryEntry e : page.candidates()) {
            Readdirplus3.Entry entry = new Readdirplus3.Entry(
                    e.id().fileId(),
                    e.name(),
                    e.cookie(),
                    e.attributes() == null ? null : dir.fattr(e.attributes()),
                    dir.handle(e.id()));
            if (used + entry.size() > budget || dirUsed + entry.dirSize() > dirBudget) {
                break;
            }
            used += entry.size();
            dirUsed += entry.dirSize();
            entries.add(entry);
        }
        if (entries.isEmpty() && !page.candidates().isEmpty()) {
            return PostOpFail3.of(Nfsstat3.NFS3ERR_TOOSMALL);
        }
        boolean eof =
                entries.size() == page.candidates().size() && page.listing().eof();
        return new Readdirplus3.Ok(
                dir.fattr(page.listing().directory()), page.listing().verifier(), entries, eof);
    }

    @Override
    protected Readdirplus3.Res failure(Nfsstat3 status, Readdirplus3.Args args) {
        return PostOpFail3.of(status);
    }
}
