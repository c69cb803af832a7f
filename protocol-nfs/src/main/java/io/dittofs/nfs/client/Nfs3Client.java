package io.dittofs.nfs.client;

import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.v3.Nfs3;
import io.dittofs.nfs.v3.xdr.Access3;
import io.dittofs.nfs.v3.xdr.Commit3;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpArgs3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Fsinfo3;
import io.dittofs.nfs.v3.xdr.Fsstat3;
import io.dittofs.nfs.v3.xdr.Getattr3;
import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.Link3;
import io.dittofs.nfs.v3.xdr.Lookup3;
import io.dittofs.nfs.v3.xdr.Mkdir3;
import io.dittofs.nfs.v3.xdr.Mknod3;
import io.dittofs.nfs.v3.xdr.NfsTime3;
import io.dittofs.nfs.v3.xdr.Pathconf3;
import io.dittofs.nfs.v3.xdr.Read3;
import io.dittofs.nfs.v3.xdr.Readdir3;
import io.dittofs.nfs.v3.xdr.Readdirplus3;
import io.dittofs.nfs.v3.xdr.Readlink3;
import io.dittofs.nfs.v3.xdr.Rename3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.nfs.v3.xdr.Setattr3;
import io.dittofs.nfs.v3.xdr.Symlink3;
import io.dittofs.nfs.v3.xdr.WccRes3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Stability;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * NFSv3 procedures (RFC 1813) over an {@link RpcClient}, one method each, returning the wire
 * results. READ results own a buffer: release {@code Read3.Ok.data()}.
 */
public final class Nfs3Client {
    /** Largest READ data or directory page this client accepts. */
    private static final int MAX_DATA = 16 * 1024 * 1024;

    private static final int MAX_ENTRIES = 1 << 20;

    private final RpcClient rpc;
    private volatile OpaqueAuth credential;

    public Nfs3Client(RpcClient rpc, OpaqueAuth credential) {
        this.rpc = rpc;
        this.credential = credential;
    }

    public RpcClient rpc() {
        return rpc;
    }

    /** Calls as someone else from now on. */
    public void credential(OpaqueAuth c) {
        this.credential = c;
    }

    private <T> T call(int proc, XdrEncodable args, Function<XdrReader, T> results) {
        return rpc.call(Nfs3.PROGRAM, Nfs3.VERSION, proc, credential, args, results);
    }

    public void nullCall() {
        call(Nfs3.NFSPROC3_NULL, out -> {}, in -> null);
    }

    public Getattr3.Res getattr(FileHandle3 fh) {
        return call(Nfs3.NFSPROC3_GETATTR, new HandleArgs3(fh), Getattr3.Res::decode);
    }

    public WccRes3 setattr(FileHandle3 fh, Sattr3 attrs, @Nullable NfsTime3 guard) {
        return call(Nfs3.NFSPROC3_SETATTR, new Setattr3.Args(fh, attrs, guard), WccRes3::decode);
    }

    public Lookup3.Res lookup(FileHandle3 dir, String name) {
        return call(Nfs3.NFSPROC3_LOOKUP, new DirOpArgs3(dir, name), Lookup3.Res::decode);
    }

    public Access3.Res access(FileHandle3 fh, int bits) {
        return call(Nfs3.NFSPROC3_ACCESS, new Access3.Args(fh, bits), Access3.Res::decode);
    }

    public Readlink3.Res readlink(FileHandle3 fh) {
        return call(Nfs3.NFSPROC3_READLINK, new HandleArgs3(fh), Readlink3.Res::decode);
    }

    public Read3.Res read(FileHandle3 fh, long offset, int count) {
        return call(Nfs3.NFSPROC3_READ, new Read3.Args(fh, offset, count), in -> Read3.Res.decode(in, MAX_DATA));
    }

    public Write3.Res write(FileHandle3 fh, long offset, byte[] data, Stability stable) {
        return call(
                Nfs3.NFSPROC3_WRITE,
                new Write3.Args(fh, offset, data.length, stable, Unpooled.wrappedBuffer(data)),
                Write3.Res::decode);
    }

    /**
     * WRITE of {@code data} (not copied: sent as is, and released once sent); {@code stableHow}
     * is a wire stable_how ({@link Write3#UNSTABLE}, {@link Write3#FILE_SYNC}...).
     */
    public Write3.Res write(FileHandle3 fh, long offset, ByteBuf data, int stableHow) {
        try {
            return call(
                    Nfs3.NFSPROC3_WRITE,
                    new Write3.Args(fh, offset, data.readableBytes(), Write3.stability(stableHow), data),
                    Write3.Res::decode);
        } finally {
            data.release();
        }
    }

    public DirOpRes3 create(FileHandle3 dir, String name, Create3.How how) {
        return call(Nfs3.NFSPROC3_CREATE, new Create3.Args(new DirOpArgs3(dir, name), how), DirOpRes3::decode);
    }

    public DirOpRes3 mkdir(FileHandle3 dir, String name, Sattr3 attrs) {
        return call(Nfs3.NFSPROC3_MKDIR, new Mkdir3.Args(new DirOpArgs3(dir, name), attrs), DirOpRes3::decode);
    }

    public DirOpRes3 symlink(FileHandle3 dir, String name, String target, Sattr3 attrs) {
        return call(
                Nfs3.NFSPROC3_SYMLINK, new Symlink3.Args(new DirOpArgs3(dir, name), attrs, target), DirOpRes3::decode);
    }

    public DirOpRes3 mknod(FileHandle3 dir, String name, int ftype3, Sattr3 attrs, long rdev) {
        return call(
                Nfs3.NFSPROC3_MKNOD,
                new Mknod3.Args(new DirOpArgs3(dir, name), ftype3, attrs, rdev),
                DirOpRes3::decode);
    }

    public WccRes3 remove(FileHandle3 dir, String name) {
        return call(Nfs3.NFSPROC3_REMOVE, new DirOpArgs3(dir, name), WccRes3::decode);
    }

    public WccRes3 rmdir(FileHandle3 dir, String name) {
        return call(Nfs3.NFSPROC3_RMDIR, new DirOpArgs3(dir, name), WccRes3::decode);
    }

    public Rename3.Res rename(FileHandle3 fromDir, String fromName, FileHandle3 toDir, String toName) {
        return call(
                Nfs3.NFSPROC3_RENAME,
                new Rename3.Args(new DirOpArgs3(fromDir, fromName), new DirOpArgs3(toDir, toName)),
                Rename3.Res::decode);
    }

    public Link3.Res link(FileHandle3 file, FileHandle3 dir, String name) {
        return call(Nfs3.NFSPROC3_LINK, new Link3.Args(file, new DirOpArgs3(dir, name)), Link3.Res::decode);
    }

    public Readdir3.Res readdir(FileHandle3 dir, long cookie, long verifier, int count) {
        return call(
                Nfs3.NFSPROC3_READDIR,
                new Readdir3.Args(dir, cookie, verifier, count),
                in -> Readdir3.Res.decode(in, MAX_ENTRIES));
    }

    public Readdirplus3.Res readdirplus(FileHandle3 dir, long cookie, long verifier, int dirCount, int maxCount) {
        return call(
                Nfs3.NFSPROC3_READDIRPLUS,
                new Readdirplus3.Args(dir, cookie, verifier, dirCount, maxCount),
                in -> Readdirplus3.Res.decode(in, MAX_ENTRIES));
    }

    public Fsstat3.Res fsstat(FileHandle3 fh) {
        return call(Nfs3.NFSPROC3_FSSTAT, new HandleArgs3(fh), Fsstat3.Res::decode);
    }

    public Fsinfo3.Res fsinfo(FileHandle3 fh) {
        return call(Nfs3.NFSPROC3_FSINFO, new HandleArgs3(fh), Fsinfo3.Res::decode);
    }

    public Pathconf3.Res pathconf(FileHandle3 fh) {
        return call(Nfs3.NFSPROC3_PATHCONF, new HandleArgs3(fh), Pathconf3.Res::decode);
    }

    public Commit3.Res commit(FileHandle3 fh, long offset, int count) {
        return call(Nfs3.NFSPROC3_COMMIT, new Commit3.Args(fh, offset, count), Commit3.Res::decode);
    }
}
