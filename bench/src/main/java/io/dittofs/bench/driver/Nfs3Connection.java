package io.dittofs.bench.driver;

import io.dittofs.nfs.client.MountClient;
import io.dittofs.nfs.client.Nfs3Client;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.mount.MountRes3;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.v3.xdr.Commit3;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Getattr3;
import io.dittofs.nfs.v3.xdr.Lookup3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Read3;
import io.dittofs.nfs.v3.xdr.Readdir3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.nfs.v3.xdr.WccRes3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NFSv3 (RFC 1813) through the project's {@link Nfs3Client}: MOUNT for the root handle, then
 * LOOKUP (cached per directory), CREATE, WRITE (UNSTABLE, as a kernel client writes, made stable
 * by COMMIT on {@link OpenFile#sync()}), READ, GETATTR, READDIR, REMOVE, RENAME. Every call on
 * one connection goes out at once, matched by xid, so workers sharing it keep several in flight.
 *
 * <p>URL parameters: {@code mountport} (default: the NFS port, as DittoFS serves MOUNT there),
 * {@code uid}, {@code gid} (AUTH_SYS, default 0).
 */
final class Nfs3Connection implements FsConnection {
    /** Largest reply: a 1 MiB READ plus headers, with room for larger rsize. */
    private static final int MAX_RECORD = 4 * 1024 * 1024 + 4096;

    private static final int READDIR_COUNT = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final RpcClient rpc;
    private final Nfs3Client nfs;
    private final Map<String, FileHandle3> dirs = new ConcurrentHashMap<>();

    private Nfs3Connection(RpcClient rpc, Nfs3Client nfs, FileHandle3 root) {
        this.rpc = rpc;
        this.nfs = nfs;
        dirs.put("", root);
    }

    static Nfs3Connection connect(Target t) throws IOException {
        OpaqueAuth cred = credential(t);
        int mountPort = t.intParam("mountport", t.port());
        FileHandle3 root;
        try (RpcClient m = RpcClient.connect(new InetSocketAddress(t.host(), mountPort), MAX_RECORD, TIMEOUT)) {
            MountRes3 res = new MountClient(m, cred).mnt(t.path());
            if (!(res instanceof MountRes3.Ok ok)) {
                throw new IOException("MOUNT " + t.path() + " on " + t + ": " + res);
            }
            root = ok.handle();
        }
        RpcClient rpc = RpcClient.connect(new InetSocketAddress(t.host(), t.port()), MAX_RECORD, TIMEOUT);
        return new Nfs3Connection(rpc, new Nfs3Client(rpc, cred), root);
    }

    /** AUTH_SYS as the URL's {@code uid} and {@code gid} (default 0, root). */
    static OpaqueAuth credential(Target t) {
        int gid = t.intParam("gid", 0);
        return new AuthSysParms(0, "dfsbench", t.intParam("uid", 0), gid, new int[] {gid}).toCredential();
    }

    private static IOException failed(String op, String path, Nfsstat3 status) {
        return new IOException(op + " " + path + ": " + status);
    }

    private FileHandle3 dir(String path) throws IOException {
        FileHandle3 fh = dirs.get(path);
        if (fh == null) {
            fh = lookup(path);
            dirs.put(path, fh);
        }
        return fh;
    }

    private FileHandle3 lookup(String path) throws IOException {
        Lookup3.Res res = nfs.lookup(dir(Paths.parent(path)), Paths.name(path));
        if (res instanceof Lookup3.Ok ok) {
            return ok.object();
        }
        throw new IOException("LOOKUP " + path + ": " + res);
    }

    @Override
    public void mkdir(String path) throws IOException {
        DirOpRes3 res =
                nfs.mkdir(dir(Paths.parent(path)), Paths.name(path), new Sattr3(0755, null, null, null, null, null));
        if (res instanceof DirOpRes3.Fail f && f.status() != Nfsstat3.NFS3ERR_EXIST) {
            throw failed("MKDIR", path, f.status());
        }
    }

    @Override
    public OpenFile create(String path) throws IOException {
        DirOpRes3 res = nfs.create(
                dir(Paths.parent(path)),
                Paths.name(path),
                new Create3.How.Unchecked(new Sattr3(0644, null, null, 0L, null, null)));
        return switch (res) {
            case DirOpRes3.Fail f -> throw failed("CREATE", path, f.status());
            case DirOpRes3.Ok ok -> new File(path, ok.object() != null ? ok.object() : lookup(path));
        };
    }

    @Override
    public OpenFile open(String path) throws IOException {
        return new File(path, lookup(path));
    }

    @Override
    public void remove(String path) throws IOException {
        WccRes3 res = nfs.remove(dir(Paths.parent(path)), Paths.name(path));
        if (res.status() != Nfsstat3.NFS3_OK) {
            throw failed("REMOVE", path, res.status());
        }
    }

    @Override
    public void rmdir(String path) throws IOException {
        WccRes3 res = nfs.rmdir(dir(Paths.parent(path)), Paths.name(path));
        dirs.remove(path);
        if (res.status() != Nfsstat3.NFS3_OK) {
            throw failed("RMDIR", path, res.status());
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        var res = nfs.rename(dir(Paths.parent(from)), Paths.name(from), dir(Paths.parent(to)), Paths.name(to));
        if (res.status() != Nfsstat3.NFS3_OK) {
            throw failed("RENAME", from + " -> " + to, res.status());
        }
    }

    @Override
    public long size(String path) throws IOException {
        Getattr3.Res res = nfs.getattr(lookup(path));
        if (res instanceof Getattr3.Res.Ok ok) {
            return ok.attributes().size();
        }
        throw new IOException("GETATTR " + path + ": " + res);
    }

    @Override
    public List<String> list(String path) throws IOException {
        FileHandle3 fh = dir(path);
        List<String> names = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        while (true) {
            Readdir3.Res res = nfs.readdir(fh, cookie, verifier, READDIR_COUNT);
            if (!(res instanceof Readdir3.Ok ok)) {
                throw new IOException("READDIR " + path + ": " + res);
            }
            for (Readdir3.Entry e : ok.entries()) {
                if (!e.name().equals(".") && !e.name().equals("..")) {
                    names.add(e.name());
                }
                cookie = e.cookie();
            }
            verifier = ok.cookieVerifier();
            if (ok.eof() || ok.entries().isEmpty()) {
                return names;
            }
        }
    }

    @Override
    public void close() {
        rpc.close();
    }

    private final class File implements OpenFile {
        private final String path;
        private final FileHandle3 fh;

        File(String path, FileHandle3 fh) {
            this.path = path;
            this.fh = fh;
        }

        @Override
        public void write(long offset, byte[] data) throws IOException {
            Write3.Res res = nfs.write(fh, offset, Unpooled.wrappedBuffer(data), Write3.UNSTABLE);
            switch (res) {
                case Write3.Res.Fail f -> throw failed("WRITE", path, f.status());
                case Write3.Res.Ok ok -> {
                    if (ok.count() != data.length) {
                        throw new IOException("WRITE " + path + ": short write " + ok.count() + " of " + data.length);
                    }
                }
            }
        }

        @Override
        public int read(long offset, byte[] into) throws IOException {
            Read3.Res res = nfs.read(fh, offset, into.length);
            if (!(res instanceof Read3.Ok ok)) {
                throw new IOException("READ " + path + ": " + res);
            }
            try {
                int n = ok.data().readableBytes();
                ok.data().readBytes(into, 0, n);
                return n;
            } finally {
                ok.data().release();
            }
        }

        @Override
        public void sync() throws IOException {
            Commit3.Res res = nfs.commit(fh, 0, 0);
            if (res instanceof Commit3.Res.Fail f) {
                throw failed("COMMIT", path, f.status());
            }
        }

        @Override
        public void close() {
            // NFSv3 has no open state.
        }
    }
}
