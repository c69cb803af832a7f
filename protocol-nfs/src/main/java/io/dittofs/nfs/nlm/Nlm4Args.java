package io.dittofs.nfs.nlm;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** The argument structures of NLM version 4 (RFC 1813 appendix II). A cookie is echoed in the reply. */
public final class Nlm4Args {
    private Nlm4Args() {}

    /** nlm4_testargs: also the argument of GRANTED. */
    public record Test(byte[] cookie, boolean exclusive, Nlm4Lock lock) implements XdrEncodable {
        public static Test decode(XdrReader in) {
            return new Test(in.readOpaque(Nlm4.MAXNETOBJ_SZ), in.readBoolean(), Nlm4Lock.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeOpaque(cookie).writeBoolean(exclusive);
            lock.encode(out);
        }
    }

    /** nlm4_lockargs. {@code state} is the client's NSM state number. */
    public record Lock(byte[] cookie, boolean block, boolean exclusive, Nlm4Lock lock, boolean reclaim, int state)
            implements XdrEncodable {
        public static Lock decode(XdrReader in) {
            return new Lock(
                    in.readOpaque(Nlm4.MAXNETOBJ_SZ),
                    in.readBoolean(),
                    in.readBoolean(),
                    Nlm4Lock.decode(in),
                    in.readBoolean(),
                    in.readInt());
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeOpaque(cookie).writeBoolean(block).writeBoolean(exclusive);
            lock.encode(out);
            out.writeBoolean(reclaim).writeInt(state);
        }
    }

    /** nlm4_cancargs. */
    public record Cancel(byte[] cookie, boolean block, boolean exclusive, Nlm4Lock lock) implements XdrEncodable {
        public static Cancel decode(XdrReader in) {
            return new Cancel(
                    in.readOpaque(Nlm4.MAXNETOBJ_SZ), in.readBoolean(), in.readBoolean(), Nlm4Lock.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeOpaque(cookie).writeBoolean(block).writeBoolean(exclusive);
            lock.encode(out);
        }
    }

    /** nlm4_unlockargs. */
    public record Unlock(byte[] cookie, Nlm4Lock lock) implements XdrEncodable {
        public static Unlock decode(XdrReader in) {
            return new Unlock(in.readOpaque(Nlm4.MAXNETOBJ_SZ), Nlm4Lock.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeOpaque(cookie);
            lock.encode(out);
        }
    }

    /** nlm4_res: the reply of LOCK, CANCEL, UNLOCK and GRANTED. */
    public record Res(byte[] cookie, int stat) implements XdrEncodable {
        public static Res decode(XdrReader in) {
            return new Res(in.readOpaque(Nlm4.MAXNETOBJ_SZ), in.readInt());
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeOpaque(cookie).writeInt(stat);
        }
    }

    /** nlm4_testres: DENIED carries the holder. */
    public record TestRes(byte[] cookie, int stat, @Nullable Nlm4Holder holder) implements XdrEncodable {
        public TestRes {
            if ((stat == Nlm4.NLM4_DENIED) != (holder != null)) {
                throw new IllegalArgumentException("a holder goes with NLM4_DENIED, and only with it");
            }
        }

        public static TestRes decode(XdrReader in) {
            byte[] cookie = in.readOpaque(Nlm4.MAXNETOBJ_SZ);
            int stat = in.readInt();
            return new TestRes(cookie, stat, stat == Nlm4.NLM4_DENIED ? Nlm4Holder.decode(in) : null);
        }

        @Override
        public void encode(XdrWriter out) {
            out.writeOpaque(cookie).writeInt(stat);
            if (holder != null) {
                holder.encode(out);
            }
        }
    }
}
