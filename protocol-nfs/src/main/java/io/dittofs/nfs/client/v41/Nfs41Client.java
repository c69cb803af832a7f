package io.dittofs.nfs.client.v41;

import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An NFSv4.1 client over one {@link RpcClient} connection with one session (RFC 8881 section 2.10):
 * EXCHANGE_ID, CREATE_SESSION and RECLAIM_COMPLETE at connect, then every COMPOUND starts with
 * SEQUENCE on a free slot of the session's fore channel, so as many calls as the server granted
 * slots are in flight at once; DESTROY_SESSION and DESTROY_CLIENTID at close.
 *
 * <p>No back channel is offered, so the server grants no delegations (and OPEN asks for none).
 *
 * <p>Threading: safe from any thread; each call blocks its caller until the reply.
 */
public final class Nfs41Client implements AutoCloseable {
    /** Slots asked for; the server may grant fewer. */
    private static final int SLOTS_WANTED = 64;

    private static final int MAX_MESSAGE = 4 * 1024 * 1024 + 64 * 1024;
    private static final int MAX_DATA = 16 * 1024 * 1024;

    /** An open file: its handle and the open stateid. */
    public record OpenFile(byte[] fh, Stateid stateid) {}

    /** A READ result. */
    public record ReadResult(boolean eof, byte[] data) {}

    /** A WRITE result: bytes written and how stable the server made them. */
    public record WriteResult(int count, int committed, long verifier) {}

    /** A directory entry with the attributes of {@link Nfs41Attributes}. */
    public record DirEntry(String name, long cookie, Nfs41Attributes attributes) {}

    private final RpcClient rpc;
    private final OpaqueAuth credential;
    private final long clientId;
    private final byte[] sessionId;
    private final int[] slotSeq;
    private final BlockingQueue<Integer> freeSlots;
    private final AtomicLong owners = new AtomicLong();
    private final int maxRw;

    private Nfs41Client(RpcClient rpc, OpaqueAuth credential, long clientId, byte[] sessionId, int slots, int maxRw) {
        this.rpc = rpc;
        this.credential = credential;
        this.clientId = clientId;
        this.sessionId = sessionId;
        this.slotSeq = new int[slots];
        this.freeSlots = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            freeSlots.add(i);
        }
        this.maxRw = maxRw;
    }

    /** Connects, makes a client id and a session. */
    public static Nfs41Client connect(InetSocketAddress server, OpaqueAuth credential, Duration timeout)
            throws IOException {
        RpcClient rpc = RpcClient.connect(server, MAX_MESSAGE, timeout);
        try {
            byte[] verifier = new byte[Nfs41.NFS4_VERIFIER_SIZE];
            new SecureRandom().nextBytes(verifier);
            byte[] ownerId = ("dfsbench-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
                    .getBytes(StandardCharsets.UTF_8);
            // EXCHANGE_ID (RFC 8881 section 18.35): client_owner4, flags, SP4_NONE, no impl id.
            long[] exchanged = call(
                    rpc,
                    credential,
                    new Compound().op(Nfs41.OP_EXCHANGE_ID, out -> {
                        out.writeFixedOpaque(verifier).writeOpaque(ownerId);
                        out.writeInt(Nfs41.EXCHGID4_FLAG_USE_NON_PNFS);
                        out.writeInt(0); // state_protect4_a: SP4_NONE
                        out.writeInt(0); // eia_client_impl_id<1>: none
                    }),
                    r -> {
                        XdrReader in = r.next(Nfs41.OP_EXCHANGE_ID);
                        return new long[] {in.readLong(), in.readUnsignedInt()};
                    });
            long clientId = exchanged[0];
            int sequence = (int) exchanged[1];
            // CREATE_SESSION (section 18.36): fore channel attributes we want, no back channel.
            Object[] session = call(
                    rpc,
                    credential,
                    new Compound().op(Nfs41.OP_CREATE_SESSION, out -> {
                        out.writeLong(clientId).writeInt(sequence).writeInt(0);
                        writeChannelAttrs(out, SLOTS_WANTED);
                        writeChannelAttrs(out, 1);
                        out.writeInt(0x40000000); // csa_cb_program: unused without a back channel
                        out.writeInt(1).writeInt(0); // csa_sec_parms: one, AUTH_NONE
                    }),
                    r -> {
                        XdrReader in = r.next(Nfs41.OP_CREATE_SESSION);
                        byte[] id = in.readFixedOpaque(Nfs41.NFS4_SESSIONID_SIZE);
                        in.readInt(); // csr_sequence
                        in.readInt(); // csr_flags
                        int[] fore = readChannelAttrs(in);
                        return new Object[] {id, fore};
                    });
            int[] fore = (int[]) session[1];
            int slots = Math.max(1, Math.min(SLOTS_WANTED, fore[5]));
            int maxRw = Math.max(4096, Math.min(fore[1], fore[2]) - 1024);
            Nfs41Client c = new Nfs41Client(rpc, credential, clientId, (byte[]) session[0], slots, maxRw);
            // RECLAIM_COMPLETE (section 18.51): nothing to reclaim, the server may end our grace.
            try {
                c.compound(
                        new Compound().op(Nfs41.OP_RECLAIM_COMPLETE, out -> out.writeBoolean(false)),
                        r -> r.next(Nfs41.OP_RECLAIM_COMPLETE));
            } catch (Nfs41Exception e) {
                // NFS4ERR_COMPLETE_ALREADY and the like: harmless for a new client
            }
            return c;
        } catch (RuntimeException e) {
            rpc.close();
            throw new IOException("NFSv4.1 session with " + server + ": " + e.getMessage(), e);
        }
    }

    /** channel_attrs4 (section 18.36.1). */
    private static void writeChannelAttrs(XdrWriter out, int requests) {
        out.writeInt(0); // ca_headerpadsize
        out.writeInt(MAX_MESSAGE); // ca_maxrequestsize
        out.writeInt(MAX_MESSAGE); // ca_maxresponsesize
        out.writeInt(4096); // ca_maxresponsesize_cached
        out.writeInt(16); // ca_maxoperations
        out.writeInt(requests); // ca_maxrequests
        out.writeInt(0); // ca_rdma_ird<1>: none
    }

    private static int[] readChannelAttrs(XdrReader in) {
        int[] a = new int[6];
        for (int i = 0; i < 6; i++) {
            a[i] = in.readInt();
        }
        int ird = in.readArrayLength(1);
        for (int i = 0; i < ird; i++) {
            in.readInt();
        }
        return a;
    }

    private static <T> T call(RpcClient rpc, OpaqueAuth cred, Compound c, Function<Compound.Results, T> decode) {
        return rpc.call(
                Nfs41.PROGRAM,
                Nfs41.VERSION,
                Nfs41.PROC_COMPOUND,
                cred,
                c,
                in -> decode.apply(new Compound.Results(in)));
    }

    /** Largest READ or WRITE the session allows. */
    public int maxReadWrite() {
        return maxRw;
    }

    public long clientId() {
        return clientId;
    }

    /** Slots the server granted: calls this client keeps in flight at most. */
    public int slots() {
        return slotSeq.length;
    }

    /**
     * Sends SEQUENCE then {@code ops} on a free slot (waiting for one), and decodes the results
     * after SEQUENCE's with {@code decode}.
     */
    private <T> T compound(Compound ops, Function<Compound.Results, T> decode) {
        int slot;
        try {
            slot = freeSlots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a session slot", e);
        }
        try {
            int seq = ++slotSeq[slot];
            Compound c = new Compound().op(Nfs41.OP_SEQUENCE, out -> {
                // SEQUENCE4args (section 18.46)
                out.writeFixedOpaque(sessionId).writeInt(seq).writeInt(slot).writeInt(slotSeq.length - 1);
                out.writeBoolean(false);
            });
            return call(rpc, credential, c.then(ops), r -> {
                XdrReader in = r.next(Nfs41.OP_SEQUENCE);
                in.readFixedOpaque(Nfs41.NFS4_SESSIONID_SIZE);
                for (int i = 0; i < 5; i++) {
                    in.readInt(); // sequenceid, slotid, highest, target highest, status flags
                }
                return decode.apply(r);
            });
        } finally {
            freeSlots.add(slot);
        }
    }

    /** PUTROOTFH, GETFH: the root of the server's namespace. */
    public byte[] rootFh() {
        return compound(new Compound().op(Nfs41.OP_PUTROOTFH).getfh(), r -> r.skip(Nfs41.OP_PUTROOTFH)
                .getfh());
    }

    /** PUTFH, LOOKUP per name, GETFH: the handle of {@code dir/names...}. */
    public byte[] lookup(byte[] dir, String... names) {
        Compound c = new Compound().putfh(dir);
        for (String n : names) {
            c.lookup(n);
        }
        return compound(c.getfh(), r -> {
            r.skip(Nfs41.OP_PUTFH);
            for (int i = 0; i < names.length; i++) {
                r.skip(Nfs41.OP_LOOKUP);
            }
            return r.getfh();
        });
    }

    /** PUTFH, GETATTR of type, size, fileid and mode. */
    public Nfs41Attributes getattr(byte[] fh) {
        return compound(
                new Compound().putfh(fh).getattr(Nfs41Attributes.REQUESTED),
                r -> Nfs41Attributes.decode(r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_GETATTR)));
    }

    /** PUTFH, LOOKUP, GETATTR: the attributes of {@code name} in {@code dir}. */
    public Nfs41Attributes getattr(byte[] dir, String name) {
        return compound(
                new Compound().putfh(dir).lookup(name).getattr(Nfs41Attributes.REQUESTED),
                r -> Nfs41Attributes.decode(
                        r.skip(Nfs41.OP_PUTFH).skip(Nfs41.OP_LOOKUP).next(Nfs41.OP_GETATTR)));
    }

    /** PUTFH, GETATTR of acl alone: the file's ACL. */
    public List<Nfs41Ace> getAcl(byte[] fh) {
        return compound(new Compound().putfh(fh).getattr(Nfs41.FATTR4_ACL), r -> {
            XdrReader in = r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_GETATTR);
            int words = in.readArrayLength(8);
            for (int i = 0; i < words; i++) {
                in.readInt();
            }
            XdrReader values = new XdrReader(io.netty.buffer.Unpooled.wrappedBuffer(in.readOpaque(MAX_DATA)));
            return Nfs41Ace.decode(values);
        });
    }

    /** PUTFH, SETATTR of acl alone (anonymous stateid). */
    public void setAcl(byte[] fh, List<Nfs41Ace> acl) {
        compound(
                new Compound().putfh(fh).op(Nfs41.OP_SETATTR, out -> {
                    // SETATTR4args (section 18.30): stateid, fattr4
                    out.writeInt(0).writeFixedOpaque(new byte[12]);
                    Compound.writeBitmap(out, Nfs41.FATTR4_ACL);
                    XdrWriter values = new XdrWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
                    Nfs41Ace.encode(values, acl);
                    io.netty.buffer.ByteBuf b = values.finish();
                    try {
                        out.writeOpaque(io.netty.buffer.ByteBufUtil.getBytes(b));
                    } finally {
                        b.release();
                    }
                }),
                r -> r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_SETATTR));
    }

    /**
     * PUTFH, OPEN (share access both, deny none, no delegation wanted, a new open-owner), GETFH. With {@code create},
     * an UNCHECKED4 create that sets size 0 and mode 0644: a new file, or the old one truncated.
     */
    public OpenFile open(byte[] dir, String name, boolean create) {
        Compound c = new Compound().putfh(dir).op(Nfs41.OP_OPEN, out -> {
            // OPEN4args (section 18.16.1)
            out.writeInt(0); // seqid: ignored in 4.1
            out.writeInt(Nfs41.OPEN4_SHARE_ACCESS_BOTH | Nfs41.OPEN4_SHARE_ACCESS_WANT_NO_DELEG);
            out.writeInt(Nfs41.OPEN4_SHARE_DENY_NONE);
            // open_owner4: one per OPEN, so each open is its own state that its CLOSE ends, even
            // when several workers open the same file
            out.writeLong(clientId).writeOpaque(("o" + owners.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
            if (create) {
                out.writeInt(Nfs41.OPEN4_CREATE).writeInt(Nfs41.UNCHECKED4);
                Compound.writeBitmap(out, Nfs41.FATTR4_SIZE, Nfs41.FATTR4_MODE);
                // attrlist4: size (uint64) 0, then mode (uint32) 0644, in attribute order
                out.writeOpaque(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, (byte) 0xa4});
            } else {
                out.writeInt(Nfs41.OPEN4_NOCREATE);
            }
            out.writeInt(Nfs41.CLAIM_NULL).writeString(name);
        });
        return compound(c.getfh(), r -> {
            XdrReader in = r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_OPEN);
            Stateid stateid = Stateid.decode(in);
            skipChangeInfo(in);
            in.readInt(); // rflags
            skipBitmap(in); // attrset
            skipDelegation(in);
            return new OpenFile(r.getfh(), stateid);
        });
    }

    /** change_info4 (section 3.3.10): atomic, before, after. */
    private static void skipChangeInfo(XdrReader in) {
        in.readBoolean();
        in.readLong();
        in.readLong();
    }

    private static void skipBitmap(XdrReader in) {
        int words = in.readArrayLength(8);
        for (int i = 0; i < words; i++) {
            in.readInt();
        }
    }

    /** open_delegation4 (section 18.16.2): read past whatever the server granted. */
    private static void skipDelegation(XdrReader in) {
        int type = in.readInt();
        switch (type) {
            case Nfs41.OPEN_DELEGATE_NONE -> {}
            case Nfs41.OPEN_DELEGATE_READ, Nfs41.OPEN_DELEGATE_WRITE -> {
                Stateid.decode(in);
                in.readBoolean(); // recall
                if (type == Nfs41.OPEN_DELEGATE_WRITE) {
                    int limitBy = in.readInt();
                    if (limitBy == Nfs41.NFS_LIMIT_SIZE) {
                        in.readLong();
                    } else {
                        in.readInt();
                        in.readInt();
                    }
                }
                in.readInt(); // nfsace4: type, flag, mask, who
                in.readInt();
                in.readInt();
                in.readString(Nfs41.NFS4_OPAQUE_LIMIT);
            }
            case Nfs41.OPEN_DELEGATE_NONE_EXT -> {
                int why = in.readInt();
                if (why == Nfs41.WND4_CONTENTION || why == Nfs41.WND4_RESOURCE) {
                    in.readBoolean();
                }
            }
            default -> throw new IllegalStateException("unknown open_delegation_type4 " + type);
        }
    }

    /** PUTFH, READ. */
    public ReadResult read(OpenFile f, long offset, int count) {
        return compound(
                new Compound().putfh(f.fh()).op(Nfs41.OP_READ, out -> {
                    f.stateid().encode(out);
                    out.writeLong(offset).writeInt(count);
                }),
                r -> {
                    XdrReader in = r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_READ);
                    boolean eof = in.readBoolean();
                    return new ReadResult(eof, in.readOpaque(MAX_DATA));
                });
    }

    /** PUTFH, WRITE of {@code data} (sent without copying, released once sent). */
    public WriteResult write(OpenFile f, long offset, ByteBuf data, int stableHow) {
        try {
            return compound(
                    new Compound().putfh(f.fh()).op(Nfs41.OP_WRITE, out -> {
                        f.stateid().encode(out);
                        out.writeLong(offset).writeInt(stableHow);
                        out.writeOpaque(data.retainedSlice());
                    }),
                    r -> {
                        XdrReader in = r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_WRITE);
                        return new WriteResult(in.readInt(), in.readInt(), in.readLong());
                    });
        } finally {
            data.release();
        }
    }

    /** PUTFH, COMMIT of the whole file; returns the write verifier. */
    public long commit(byte[] fh) {
        return compound(
                new Compound().putfh(fh).op(Nfs41.OP_COMMIT, out -> out.writeLong(0)
                        .writeInt(0)),
                r -> r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_COMMIT).readLong());
    }

    /** PUTFH, CLOSE. */
    public void close(OpenFile f) {
        compound(
                new Compound().putfh(f.fh()).op(Nfs41.OP_CLOSE, out -> {
                    out.writeInt(0);
                    f.stateid().encode(out);
                }),
                r -> r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_CLOSE));
    }

    /** PUTFH, CREATE of a directory (mode 0755), GETFH. */
    public byte[] mkdir(byte[] dir, String name) {
        Compound c = new Compound().putfh(dir).op(Nfs41.OP_CREATE, out -> {
            out.writeInt(Nfs41.NF4DIR).writeString(name);
            Compound.writeBitmap(out, Nfs41.FATTR4_MODE);
            out.writeOpaque(new byte[] {0, 0, 0x01, (byte) 0xed});
        });
        return compound(c.getfh(), r -> {
            XdrReader in = r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_CREATE);
            skipChangeInfo(in); // CREATE4resok: change_info4, then the attrset bitmap4
            skipBitmap(in);
            return r.getfh();
        });
    }

    /** PUTFH, REMOVE (files and empty directories). */
    public void remove(byte[] dir, String name) {
        compound(
                new Compound().putfh(dir).op(Nfs41.OP_REMOVE, out -> out.writeString(name)),
                r -> r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_REMOVE));
    }

    /** PUTFH source, SAVEFH, PUTFH target, RENAME. */
    public void rename(byte[] fromDir, String from, byte[] toDir, String to) {
        compound(
                new Compound()
                        .putfh(fromDir)
                        .op(Nfs41.OP_SAVEFH)
                        .putfh(toDir)
                        .op(Nfs41.OP_RENAME, out -> out.writeString(from).writeString(to)),
                r -> r.skip(Nfs41.OP_PUTFH)
                        .skip(Nfs41.OP_SAVEFH)
                        .skip(Nfs41.OP_PUTFH)
                        .next(Nfs41.OP_RENAME));
    }

    /** PUTFH, READDIR until eof, asking for type, size, fileid and mode of each entry. */
    public List<DirEntry> readdir(byte[] dir) {
        List<DirEntry> entries = new ArrayList<>();
        long cookie = 0;
        byte[] verifier = new byte[Nfs41.NFS4_VERIFIER_SIZE];
        while (true) {
            long c0 = cookie;
            byte[] v0 = verifier;
            Object[] page = compound(
                    new Compound().putfh(dir).op(Nfs41.OP_READDIR, out -> {
                        out.writeLong(c0)
                                .writeFixedOpaque(v0)
                                .writeInt(32 * 1024)
                                .writeInt(128 * 1024);
                        Compound.writeBitmap(out, Nfs41Attributes.REQUESTED);
                    }),
                    r -> {
                        XdrReader in = r.skip(Nfs41.OP_PUTFH).next(Nfs41.OP_READDIR);
                        byte[] verf = in.readFixedOpaque(Nfs41.NFS4_VERIFIER_SIZE);
                        List<DirEntry> got = new ArrayList<>();
                        while (in.readBoolean()) {
                            long ck = in.readLong();
                            String name = in.readString(Nfs41.NFS4_OPAQUE_LIMIT);
                            got.add(new DirEntry(name, ck, Nfs41Attributes.decode(in)));
                        }
                        return new Object[] {verf, got, in.readBoolean()};
                    });
            verifier = (byte[]) page[0];
            @SuppressWarnings("unchecked")
            List<DirEntry> got = (List<DirEntry>) page[1];
            entries.addAll(got);
            if ((Boolean) page[2] || got.isEmpty()) {
                return entries;
            }
            cookie = got.getLast().cookie();
        }
    }

    /** DESTROY_SESSION, DESTROY_CLIENTID (best effort), then closes the connection. */
    @Override
    public void close() {
        try {
            call(
                    rpc,
                    credential,
                    new Compound().op(Nfs41.OP_DESTROY_SESSION, out -> out.writeFixedOpaque(sessionId)),
                    r -> r.next(Nfs41.OP_DESTROY_SESSION));
            call(
                    rpc,
                    credential,
                    new Compound().op(Nfs41.OP_DESTROY_CLIENTID, out -> out.writeLong(clientId)),
                    r -> r.next(Nfs41.OP_DESTROY_CLIENTID));
        } catch (RuntimeException e) {
            // the server may have gone; the connection closes anyway
        } finally {
            rpc.close();
        }
    }

    /** For tests: whether {@code e} is an NFSv4.1 failure with {@code status}. */
    public static boolean isStatus(@Nullable Throwable e, int status) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Nfs41Exception n && n.status() == status) {
                return true;
            }
        }
        return false;
    }
}
