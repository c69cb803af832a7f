package io.dittofs.nfs.mount;

import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * mountres3 (RFC 1813 appendix I, MOUNTPROC3_MNT): the export's root handle and the auth flavors
 * the server accepts, or a mountstat3.
 */
public sealed interface MountRes3 extends XdrEncodable {
    record Ok(FileHandle3 handle, int[] authFlavors) implements MountRes3 {
        public Ok {
            authFlavors = authFlavors.clone();
        }

        @Override
        public int[] authFlavors() {
            return authFlavors.clone();
        }
    }

    record Fail(int status) implements MountRes3 {}

    @Override
    default void encode(XdrWriter out) {
        switch (this) {
            case Ok ok -> {
                out.writeInt(Mount3.MNT3_OK);
                ok.handle().encode(out);
                int[] flavors = ok.authFlavors();
                out.writeInt(flavors.length);
                for (int f : flavors) {
                    out.writeInt(f);
                }
            }
            case Fail f -> out.writeInt(f.status());
        }
    }

    static MountRes3 decode(XdrReader in) {
        int status = in.readInt();
        if (status != Mount3.MNT3_OK) {
            return new Fail(status);
        }
        FileHandle3 fh = FileHandle3.decode(in);
        int n = in.readArrayLength(16);
        int[] flavors = new int[n];
        for (int i = 0; i < n; i++) {
            flavors[i] = in.readInt();
        }
        return new Ok(fh, flavors);
    }
}
