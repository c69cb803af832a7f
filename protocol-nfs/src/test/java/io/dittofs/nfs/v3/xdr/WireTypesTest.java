package io.dittofs.nfs.v3.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.mount.MountRes3;
import io.dittofs.nfs.nlm.Nlm4;
import io.dittofs.nfs.nlm.Nlm4Args;
import io.dittofs.nfs.nlm.Nlm4Holder;
import io.dittofs.nfs.nlm.Nlm4Lock;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.rpc.RpcCall;
import io.dittofs.nfs.rpc.RpcReply;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetTime;
import io.dittofs.runtime.fs.Stability;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Golden bytes and encode/decode round trips of the wire types. */
class WireTypesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final FileHandle3 FH = FileHandle3.of(0x01020304, new NodeId(5, 6));
    private static final Fattr3 ATTRS = new Fattr3(
            Fattr3.NF3REG,
            0644,
            1,
            1000,
            100,
            10,
            4096,
            (3L << 32) | 4,
            0x01020304,
            5,
            new NfsTime3(1, 2),
            new NfsTime3(3, 4),
            new NfsTime3(5, 6));
    private static final WccData3 WCC =
            new WccData3(new WccData3.WccAttr3(7, new NfsTime3(8, 9), new NfsTime3(10, 11)), ATTRS);

    private static String hex(XdrEncodable v) {
        XdrWriter w = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
        v.encode(w);
        ByteBuf b = w.finish();
        try {
            return HEX.formatHex(ByteBufUtil.getBytes(b));
        } finally {
            b.release();
        }
    }

    private static <T> T decode(String hex, Function<XdrReader, T> decoder) {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex(hex));
        XdrReader in = new XdrReader(b);
        T v = decoder.apply(in);
        in.requireEnd();
        return v;
    }

    private static <T extends XdrEncodable> void roundTrip(
            T value, Function<XdrReader, ? extends XdrEncodable> decoder) {
        String bytes = hex(value);
        XdrEncodable back = decode(bytes, decoder);
        assertThat(hex(back)).as(value.toString()).isEqualTo(bytes);
        assertThat(back).isEqualTo(value);
    }

    /** A round trip of a type whose byte[] fields have no value equality: the bytes must agree. */
    private static void roundTripBytes(XdrEncodable value, Function<XdrReader, ? extends XdrEncodable> decoder) {
        String bytes = hex(value);
        assertThat(hex(decode(bytes, decoder))).isEqualTo(bytes);
    }

    @Test
    void aFileHandleIsVersionShareFileAndGenerationIn17Bytes() {
        assertThat(hex(FH::encode))
                .isEqualTo("00000011" + "01" + "01020304" + "0000000000000005" + "00000006" + "000000");
        assertThat(FH.shareId()).isEqualTo(0x01020304);
        assertThat(FH.node()).isEqualTo(new NodeId(5, 6));
    }

    @Test
    void fattr3HasTheLayoutOfRfc1813() {
        assertThat(hex(ATTRS::encode))
                .isEqualTo("00000001" + "000001a4" + "00000001" + "000003e8" + "00000064"
                        + "000000000000000a" + "0000000000001000" + "00000003" + "00000004"
                        + "0000000001020304" + "0000000000000005"
                        + "0000000100000002" + "0000000300000004" + "0000000500000006");
        assertThat(decode(hex(ATTRS::encode), Fattr3::decode)).isEqualTo(ATTRS);
    }

    @Test
    void sattr3SetsOnlyWhatItNames() {
        Sattr3 s = Sattr3.NONE.withMode(0644).withSize(1L);
        Sattr3 timed = new Sattr3(null, null, null, null, SetTime.NOW, SetTime.at(5_000_000_006L));
        assertThat(hex(s::encode))
                .isEqualTo("00000001000001a4" + "00000000" + "00000000" + "00000001" + "0000000000000001" + "00000000"
                        + "00000000");
        assertThat(hex(timed::encode))
                .isEqualTo("00000000" + "00000000" + "00000000" + "00000000" + "00000001" + "00000002" + "00000005"
                        + "00000006");
        assertThat(decode(hex(timed::encode), Sattr3::decode)).isEqualTo(timed);
    }

    @Test
    void argumentsRoundTrip() {
        DirOpArgs3 where = new DirOpArgs3(FH, "name");
        roundTrip(new HandleArgs3(FH), HandleArgs3::decode);
        roundTrip(where, DirOpArgs3::decode);
        roundTrip(new Setattr3.Args(FH, Sattr3.NONE.withMode(0600), new NfsTime3(1, 2)), Setattr3.Args::decode);
        roundTrip(new Setattr3.Args(FH, Sattr3.NONE, null), Setattr3.Args::decode);
        roundTrip(new Access3.Args(FH, 0x3f), Access3.Args::decode);
        roundTrip(new Read3.Args(FH, 1L << 40, 4096), Read3.Args::decode);
        roundTrip(new Create3.Args(where, new Create3.How.Unchecked(Sattr3.NONE.withMode(0644))), Create3.Args::decode);
        roundTrip(new Create3.Args(where, new Create3.How.Guarded(Sattr3.NONE)), Create3.Args::decode);
        roundTrip(new Create3.Args(where, new Create3.How.Exclusive(-7)), Create3.Args::decode);
        roundTrip(new Mkdir3.Args(where, Sattr3.NONE.withMode(0755)), Mkdir3.Args::decode);
        roundTrip(new Symlink3.Args(where, Sattr3.NONE, "../t"), Symlink3.Args::decode);
        roundTrip(new Mknod3.Args(where, Fattr3.NF3CHR, Sattr3.NONE, (1L << 32) | 3), Mknod3.Args::decode);
        roundTrip(new Mknod3.Args(where, Fattr3.NF3FIFO, Sattr3.NONE, 0), Mknod3.Args::decode);
        roundTrip(new Rename3.Args(where, new DirOpArgs3(FH, "other")), Rename3.Args::decode);
        roundTrip(new Link3.Args(FH, where), Link3.Args::decode);
        roundTrip(new Readdir3.Args(FH, 3, 9, 4096), Readdir3.Args::decode);
        roundTrip(new Readdirplus3.Args(FH, 3, 9, 1024, 8192), Readdirplus3.Args::decode);
        roundTrip(new Commit3.Args(FH, 0, 0), Commit3.Args::decode);
    }

    @Test
    void writeArgumentsCarryTheirDataAsASlice() {
        byte[] data = {1, 2, 3, 4, 5};
        String bytes = hex(new Write3.Args(FH, 9, 5, Stability.DATA_SYNC, Unpooled.wrappedBuffer(data)));
        Write3.Args back = decode(bytes, in -> Write3.Args.decode(in, 1024));
        assertThat(back.offset()).isEqualTo(9);
        assertThat(back.stable()).isEqualTo(Stability.DATA_SYNC);
        assertThat(ByteBufUtil.getBytes(back.data())).containsExactly(data);
        assertThat(bytes).endsWith("00000001" + "00000005" + "0102030405000000");
    }

    @Test
    void resultsRoundTrip() {
        roundTrip(new Getattr3.Res.Ok(ATTRS), Getattr3.Res::decode);
        roundTrip(new Getattr3.Res.Fail(Nfsstat3.NFS3ERR_STALE), Getattr3.Res::decode);
        roundTrip(new WccRes3(Nfsstat3.NFS3_OK, WCC), WccRes3::decode);
        roundTrip(new WccRes3(Nfsstat3.NFS3ERR_NOT_SYNC, WccData3.NONE), WccRes3::decode);
        roundTrip(new Lookup3.Ok(FH, ATTRS, null), Lookup3.Res::decode);
        roundTrip(new PostOpFail3(Nfsstat3.NFS3ERR_NOENT, ATTRS), Lookup3.Res::decode);
        roundTrip(new Access3.Ok(ATTRS, 3), Access3.Res::decode);
        roundTrip(new Readlink3.Ok(null, "/x"), Readlink3.Res::decode);
        roundTrip(new Write3.Res.Ok(WCC, 5, Stability.FILE_SYNC, 77), Write3.Res::decode);
        roundTrip(new Write3.Res.Fail(Nfsstat3.NFS3ERR_ROFS, WCC), Write3.Res::decode);
        roundTrip(new DirOpRes3.Ok(FH, ATTRS, WCC), DirOpRes3::decode);
        roundTrip(new DirOpRes3.Ok(null, null, WccData3.NONE), DirOpRes3::decode);
        roundTrip(new DirOpRes3.Fail(Nfsstat3.NFS3ERR_EXIST, WCC), DirOpRes3::decode);
        roundTrip(new Rename3.Res(Nfsstat3.NFS3_OK, WCC, WccData3.NONE), Rename3.Res::decode);
        roundTrip(new Link3.Res(Nfsstat3.NFS3_OK, ATTRS, WCC), Link3.Res::decode);
        roundTrip(
                new Readdir3.Ok(
                        ATTRS, 42, List.of(new Readdir3.Entry(1, ".", 1), new Readdir3.Entry(9, "abcde", 7)), true),
                in -> Readdir3.Res.decode(in, 10));
        roundTrip(
                new Readdirplus3.Ok(ATTRS, 42, List.of(new Readdirplus3.Entry(9, "x", 7, ATTRS, FH)), false),
                in -> Readdirplus3.Res.decode(in, 10));
        roundTrip(new Fsstat3.Ok(ATTRS, 1, 2, 3, 4, 5, 6, 0), Fsstat3.Res::decode);
        roundTrip(
                new Fsinfo3.Ok(null, 1, 2, 3, 4, 5, 6, 7, 8, new NfsTime3(0, 1), Fsinfo3.FSF3_LINK),
                Fsinfo3.Res::decode);
        roundTrip(new Pathconf3.Ok(null, 1, 255, true, true, false, true), Pathconf3.Res::decode);
        roundTrip(new Commit3.Res.Ok(WCC, 77), Commit3.Res::decode);
        roundTrip(new MountRes3.Fail(13), MountRes3::decode);
    }

    @Test
    void aReadResultCarriesItsData() {
        String bytes = hex(new Read3.Ok(null, 3, true, Unpooled.wrappedBuffer(new byte[] {7, 8, 9})));
        assertThat(bytes).isEqualTo("00000000" + "00000000" + "00000003" + "00000001" + "00000003" + "07080900");
        Read3.Ok back = (Read3.Ok) decode(bytes, in -> Read3.Res.decode(in, 10));
        assertThat(ByteBufUtil.getBytes(back.data())).containsExactly(7, 8, 9);
        back.data().release();
    }

    @Test
    void rpcHeadersRoundTrip() {
        OpaqueAuth cred = new AuthSysParms(1, "host", 1000, 100, new int[] {100, 4}).toCredential();
        assertThat(hex(cred::encode))
                .isEqualTo("00000001" + "00000020" + "00000001" + "00000004" + "686f7374" + "000003e8" + "00000064"
                        + "00000002" + "00000064" + "00000004");
        RpcCall call = new RpcCall(9, 2, 100003, 3, 1, cred, OpaqueAuth.NONE);
        String bytes = hex(call::encode);
        RpcCall back = decode(bytes, in -> {
            int xid = in.readInt();
            in.readInt();
            return RpcCall.decodeBody(xid, in);
        });
        assertThat(back).isEqualTo(call);
        assertThat(AuthSysParms.fromCredential(back.credential()).gids()).containsExactly(100, 4);
        for (RpcReply r : List.<RpcReply>of(
                new RpcReply.ProgMismatch(1, 3, 3),
                new RpcReply.AuthError(2, 5),
                new RpcReply.RpcMismatch(3, 2, 2),
                new RpcReply.GarbageArgs(4))) {
            assertThat(decode(hex(r::encode), RpcReply::decode)).isEqualTo(r);
        }
    }

    @Test
    void nlmTypesRoundTrip() {
        Nlm4Lock lock = new Nlm4Lock("client", FH.bytes(), new byte[] {1, 2}, 42, 0, 100);
        roundTripBytes(new Nlm4Args.Lock(new byte[0], true, true, lock, false, 3), Nlm4Args.Lock::decode);
        roundTripBytes(new Nlm4Args.Test(new byte[] {5}, false, lock), Nlm4Args.Test::decode);
        roundTripBytes(new Nlm4Args.Unlock(new byte[] {5}, lock), Nlm4Args.Unlock::decode);
        roundTripBytes(new Nlm4Args.Cancel(new byte[] {5}, true, false, lock), Nlm4Args.Cancel::decode);
        String denied = hex(new Nlm4Args.TestRes(
                new byte[] {5}, Nlm4.NLM4_DENIED, new Nlm4Holder(true, 42, new byte[] {1, 2}, 0, 100)));
        assertThat(denied)
                .isEqualTo("00000001" + "05000000" + "00000001" + "00000001" + "0000002a" + "00000002" + "01020000"
                        + "0000000000000000" + "0000000000000064");
    }
}
