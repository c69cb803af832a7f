package io.dittofs.bench.driver;

import io.dittofs.nfs.client.v41.Nfs41;
import io.dittofs.nfs.client.v41.Nfs41Client;
import io.dittofs.nfs.client.v41.Nfs41Exception;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NFSv4.1 through {@link Nfs41Client}: one session per connection, whose slots let the workers
 * sharing it keep several COMPOUNDs in flight. Writes are UNSTABLE4, made stable by COMMIT on
 * {@link OpenFile#sync()}; files are opened with OPEN and closed with CLOSE.
 *
 * <p>URL parameters: {@code uid}, {@code gid} (AUTH_SYS, default 0).
 */
final class Nfs41Connection implements FsConnection {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Nfs41Client nfs;
    private final Map<String, byte[]> dirs = new ConcurrentHashMap<>();

    private Nfs41Connection(Nfs41Client nfs, byte[] root) {
        this.nfs = nfs;
        dirs.put("", root);
    }

    static Nfs41Connection connect(Target t) throws IOException {
        OpaqueAuth cred = Nfs3Connection.credential(t);
        Nfs41Client nfs = Nfs41Client.connect(new InetSocketAddress(t.host(), t.port()), cred, TIMEOUT);
        try {
            String[] export =
                    Arrays.stream(t.path().split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
            byte[] root = nfs.rootFh();
            return new Nfs41Connection(nfs, export.length == 0 ? root : nfs.lookup(root, export));
        } catch (RuntimeException e) {
            nfs.close();
            throw new IOException("NFSv4.1 export " + t.path() + " on " + t + ": " + e.getMessage(), e);
        }
    }

    private static IOException failed(String op, String path, RuntimeException e) {
        return new IOException(op + " " + path + ": " + e.getMessage(), e);
    }

    private byte[] dir(String path) throws IOException {
        byte[] fh = dirs.get(path);
        if (fh == null) {
            try {
                fh = nfs.lookup(dir(Paths.parent(path)), Paths.name(path));
            } catch (RuntimeException e) {
                throw failed("LOOKUP", path, e);
            }
            dirs.put(path, fh);
        }
        return fh;
    }

    @Override
    public void mkdir(String path) throws IOException {
        try {
            nfs.mkdir(dir(Paths.parent(path)), Paths.name(path));
        } catch (Nfs41Exception e) {
            if (e.status() != Nfs41.NFS4ERR_EXIST) {
                throw failed("CREATE", path, e);
            }
        }
    }

    private OpenFile open(String path, boolean create) throws IOException {
        Nfs41Client.OpenFile f;
        try {
            f = nfs.open(dir(Paths.parent(path)), Paths.name(path), create);
        } catch (RuntimeException e) {
            throw failed("OPEN", path, e);
        }
        return new OpenFile() {
            @Override
            public void write(long offset, byte[] data) throws IOException {
                try {
                    int n = nfs.write(f, offset, Unpooled.wrappedBuffer(data), Nfs41.UNSTABLE4)
                            .count();
                    if (n != data.length) {
                        throw new IOException("WRITE " + path + ": short write " + n + " of " + data.length);
                    }
                } catch (RuntimeException e) {
                    throw failed("WRITE", path, e);
                }
            }

            @Override
            public int read(long offset, byte[] into) throws IOException {
                try {
                    byte[] got = nfs.read(f, offset, into.length).data();
                    System.arraycopy(got, 0, into, 0, got.length);
                    return got.length;
                } catch (RuntimeException e) {
                    throw failed("READ", path, e);
                }
            }

            @Override
            public void sync() throws IOException {
                try {
                    nfs.commit(f.fh());
                } catch (RuntimeException e) {
                    throw failed("COMMIT", path, e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    nfs.close(f);
                } catch (RuntimeException e) {
                    throw failed("CLOSE", path, e);
                }
            }
        };
    }

    @Override
    public OpenFile create(String path) throws IOException {
        return open(path, true);
    }

    @Override
    public OpenFile open(String path) throws IOException {
        return open(path, false);
    }

    @Override
    public void remove(String path) throws IOException {
        try {
            nfs.remove(dir(Paths.parent(path)), Paths.name(path));
        } catch (RuntimeException e) {
            throw failed("REMOVE", path, e);
        }
    }

    @Override
    public void rmdir(String path) throws IOException {
        remove(path);
        dirs.remove(path);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            nfs.rename(dir(Paths.parent(from)), Paths.name(from), dir(Paths.parent(to)), Paths.name(to));
        } catch (RuntimeException e) {
            throw failed("RENAME", from + " -> " + to, e);
        }
    }

    @Override
    public long size(String path) throws IOException {
        try {
            return nfs.getattr(dir(Paths.parent(path)), Paths.name(path)).size();
        } catch (RuntimeException e) {
            throw failed("GETATTR", path, e);
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        try {
            return nfs.readdir(dir(path)).stream()
                    .map(Nfs41Client.DirEntry::name)
                    .toList();
        } catch (RuntimeException e) {
            throw failed("READDIR", path, e);
        }
    }

    @Override
    public void close() {
        nfs.close();
    }
}
