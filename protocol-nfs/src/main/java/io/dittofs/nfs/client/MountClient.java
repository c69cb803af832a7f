package io.dittofs.nfs.client;

import io.dittofs.nfs.mount.Mount3;
import io.dittofs.nfs.mount.MountRes3;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** MOUNT v3 (RFC 1813 appendix I) over an {@link RpcClient}. */
public final class MountClient {
    /** An exportnode: a path and the groups (networks) allowed. */
    public record Export(String path, List<String> groups) {}

    /** A mountbody: who mounted what. */
    public record Mount(String host, String path) {}

    private static final int MAX_ITEMS = 1 << 16;

    private final RpcClient rpc;
    private final OpaqueAuth credential;

    public MountClient(RpcClient rpc, OpaqueAuth credential) {
        this.rpc = rpc;
        this.credential = credential;
    }

    private <T> T call(int proc, XdrEncodable args, Function<XdrReader, T> results) {
        return rpc.call(Mount3.PROGRAM, Mount3.VERSION, proc, credential, args, results);
    }

    public MountRes3 mnt(String path) {
        return call(Mount3.MOUNTPROC3_MNT, out -> out.writeString(path), MountRes3::decode);
    }

    public void umnt(String path) {
        call(Mount3.MOUNTPROC3_UMNT, out -> out.writeString(path), in -> null);
    }

    public void umntall() {
        call(Mount3.MOUNTPROC3_UMNTALL, out -> {}, in -> null);
    }

    public List<Mount> dump() {
        return call(Mount3.MOUNTPROC3_DUMP, out -> {}, in -> {
            List<Mount> list = new ArrayList<>();
            while (in.readBoolean() && list.size() < MAX_ITEMS) {
                list.add(new Mount(in.readString(Mount3.MNTNAMLEN), in.readString(Mount3.MNTPATHLEN)));
            }
            return list;
        });
    }

    public List<Export> export() {
        return call(Mount3.MOUNTPROC3_EXPORT, out -> {}, in -> {
            List<Export> list = new ArrayList<>();
            while (in.readBoolean() && list.size() < MAX_ITEMS) {
                String dir = in.readString(Mount3.MNTPATHLEN);
                List<String> groups = new ArrayList<>();
                while (in.readBoolean() && groups.size() < MAX_ITEMS) {
                    groups.add(in.readString(Mount3.MNTNAMLEN));
                }
                list.add(new Export(dir, groups));
            }
            return list;
        });
    }
}
