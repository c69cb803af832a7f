package io.dittofs.store.metadata.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.StateRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The persistent protocol state part of the metadata store contract ({@link io.dittofs.store.metadata.StateWriter}). */
public interface StateConformance extends StoreUnderTest {

    private Optional<byte[]> recordOf(String kind, byte[] key) {
        return current().read(r -> r.stateRecord(kind, key));
    }

    private List<StateRecord> recordsOf(String kind) {
        return current().read(r -> r.stateRecords(kind));
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    default void aStateRecordIsPutReplacedAndRemoved() {
        assertThat(recordOf("nfs4.client", b("c1"))).isEmpty();
        change(w -> w.putStateRecord("nfs4.client", b("c1"), b("v1")));
        change(w -> w.putStateRecord("nfs4.client", b("c1"), b("v2")));
        assertThat(recordOf("nfs4.client", b("c1")))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(b("v2")));
        assertThat(current().<Boolean>write(Durability.SYNC, w -> w.removeStateRecord("nfs4.client", b("c1"))))
                .isTrue();
        assertThat(current().<Boolean>write(Durability.SYNC, w -> w.removeStateRecord("nfs4.client", b("c1"))))
                .isFalse();
        assertThat(recordsOf("nfs4.client")).isEmpty();
    }

    @Test
    default void kindsAreSeparateAndRecordsListInUnsignedKeyOrder() {
        change(w -> {
            w.putStateRecord("nsm.host", new byte[] {(byte) 0xFF}, b("ff"));
            w.putStateRecord("nsm.host", new byte[] {0x01, 0x00}, b("0100"));
            w.putStateRecord("nsm.host", new byte[] {0x01}, b("01"));
            w.putStateRecord("nsm.host", new byte[] {0x7F}, b("7f"));
            w.putStateRecord("nsm", new byte[] {0x01}, b("other kind"));
            w.putStateRecord("nsm.hosts", new byte[] {0x01}, b("another kind"));
        });
        assertThat(recordsOf("nsm.host"))
                .containsExactly(
                        new StateRecord("nsm.host", new byte[] {0x01}, b("01")),
                        new StateRecord("nsm.host", new byte[] {0x01, 0x00}, b("0100")),
                        new StateRecord("nsm.host", new byte[] {0x7F}, b("7f")),
                        new StateRecord("nsm.host", new byte[] {(byte) 0xFF}, b("ff")));
        assertThat(recordsOf("nsm")).containsExactly(new StateRecord("nsm", new byte[] {0x01}, b("other kind")));
        assertThat(recordsOf("smb.durable")).isEmpty();
    }

    @Test
    default void keysAndValuesAreOpaqueBytesUpToTheLimits() {
        byte[] key = new byte[StateRecord.MAX_KEY_BYTES];
        byte[] value = new byte[StateRecord.MAX_VALUE_BYTES];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
            if (i < key.length) {
                key[i] = (byte) (255 - i);
            }
        }
        key[3] = 0; // NUL bytes are fine inside keys
        change(w -> w.putStateRecord("smb.durable", key, value));
        assertThat(recordOf("smb.durable", key))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
        assertThatThrownBy(() ->
                        change(w -> w.putStateRecord("smb.durable", new byte[StateRecord.MAX_KEY_BYTES + 1], value)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change(w -> w.putStateRecord("smb.durable", new byte[0], value)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change(w -> w.putStateRecord("SMB durable", key, value)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        change(w -> w.putStateRecord("smb.durable", key, new byte[StateRecord.MAX_VALUE_BYTES + 1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void stateChangesAreAtomicWithTheRestOfTheTransaction() {
        change(w -> w.putStateRecord("nfs4.client", b("keep"), b("1")));
        assertThatThrownBy(() -> change(w -> {
                    w.putStateRecord("nfs4.client", b("new"), b("2"));
                    w.removeStateRecord("nfs4.client", b("keep"));
                    assertThat(w.stateRecords("nfs4.client"))
                            .as("the transaction sees its own changes")
                            .extracting(r -> new String(r.key(), UTF_8))
                            .containsExactly("new");
                    throw new IllegalStateException("abort");
                }))
                .hasMessage("abort");
        assertThat(recordsOf("nfs4.client")).containsExactly(new StateRecord("nfs4.client", b("keep"), b("1")));
    }

    @Test
    default void stateRecordsSurviveReopen() throws Exception {
        assumeTrue(durable(), "store is not persistent");
        change(w -> w.putStateRecord("nfs4.client", b("c"), b("reclaim me")));
        current().write(Durability.DEFERRED, w -> {
            w.putStateRecord("nsm.host", b("h"), b("deferred"));
            return null;
        });
        current().sync();
        reopened();
        assertThat(recordOf("nfs4.client", b("c")))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(b("reclaim me")));
        assertThat(recordOf("nsm.host", b("h")))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(b("deferred")));
    }
}
