package io.dittofs.nfs.v4.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceFlags;
import io.dittofs.runtime.acl.AceType;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.Who;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.runtime.identity.User;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** nfsace4 arrays to and from the runtime's Acl: golden bytes, and what is refused. */
class NfsAclTest {
    private static final Owners OWNERS = owners();

    private static Owners owners() {
        Identities ids = new Identities(Sid.parse("S-1-5-21-1-2-3"));
        ids.putUser(new User("alice", 1000, 1000, List.of(), null, null));
        return new Owners(ids, "localdomain");
    }

    private static byte[] bytes(Consumer<XdrWriter> write) {
        XdrWriter w = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
        write.accept(w);
        ByteBuf b = w.finish();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static Acl decode(byte[] b) {
        return NfsAcl.decode(new XdrReader(Unpooled.wrappedBuffer(b)), OWNERS);
    }

    @Test
    void anAclEncodesToGoldenBytesAndDecodesBack() {
        Acl acl = Acl.of(
                new Ace(AceType.DENY, AceFlags.FILE_INHERIT, 0x2, new Who.User(1000)),
                Ace.allow(Who.GROUP, 0x1),
                Ace.allow(new Who.Group(50), 0x20));
        byte[] encoded = bytes(w -> NfsAcl.encode(w, acl, OWNERS));
        assertThat(HexFormat.of().formatHex(encoded))
                .isEqualTo("00000003"
                        + "00000001" + "00000001" + "00000002" + "00000011" + "616c696365406c6f63616c646f6d61696e000000"
                        + "00000000" + "00000040" + "00000001" + "00000006" + "47524f5550400000"
                        + "00000000" + "00000040" + "00000020" + "00000002" + "35300000");
        assertThat(decode(encoded)).isEqualTo(acl);
    }

    @Test
    void auditAlarmAndUnknownWhosAreRefused() {
        byte[] audit =
                bytes(w -> w.writeInt(1).writeInt(2).writeInt(0).writeInt(1).writeString("EVERYONE@"));
        assertThatThrownBy(() -> decode(audit)).isInstanceOfSatisfying(Nfs4Exception.class, e -> assertThat(e.status())
                .isEqualTo(Nfsstat4.NFS4ERR_ATTRNOTSUPP));
        byte[] interactive =
                bytes(w -> w.writeInt(1).writeInt(0).writeInt(0).writeInt(1).writeString("INTERACTIVE@"));
        assertThatThrownBy(() -> decode(interactive))
                .isInstanceOfSatisfying(
                        Nfs4Exception.class, e -> assertThat(e.status()).isEqualTo(Nfsstat4.NFS4ERR_BADOWNER));
        byte[] nobody =
                bytes(w -> w.writeInt(1).writeInt(0).writeInt(0).writeInt(1).writeString("nobody-here"));
        assertThatThrownBy(() -> decode(nobody)).isInstanceOfSatisfying(Nfs4Exception.class, e -> assertThat(e.status())
                .isEqualTo(Nfsstat4.NFS4ERR_BADOWNER));
    }

    @Test
    void aCountBeyondTheLimitIsAnXdrErrorBeforeAnythingIsAllocated() {
        byte[] huge = bytes(w -> w.writeInt(Acl.MAX_ACES + 1));
        assertThatThrownBy(() -> decode(huge)).isInstanceOf(XdrException.class);
        byte[] truncated =
                bytes(w -> w.writeInt(2).writeInt(0).writeInt(0).writeInt(1).writeString("OWNER@"));
        assertThatThrownBy(() -> decode(truncated)).isInstanceOf(XdrException.class);
    }
}
