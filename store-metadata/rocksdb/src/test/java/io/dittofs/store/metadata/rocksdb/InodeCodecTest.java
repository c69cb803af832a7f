package io.dittofs.store.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InodeCodecTest {

    private static Inode everyField(long id, FileType type) {
        return Inode.builder(id, -123456789, type)
                .mode(07777)
                .uid(-2)
                .gid(Integer.MAX_VALUE)
                .nlink(Integer.MAX_VALUE)
                .size(Long.MAX_VALUE)
                .atime(Long.MIN_VALUE)
                .mtime(-1)
                .ctime(1_700_000_000_123_456_789L)
                .birthtime(0)
                .change(Long.MAX_VALUE - 1)
                .dosAttributes(0x27)
                .rdev((259L << 32) | 7)
                .parentId(Long.MAX_VALUE)
                .createVerifier(0xCAFEBABEDEADBEEFL)
                .symlinkTarget(type == FileType.SYMLINK ? "../ünïcødé/日本語/\uD83D\uDE00" : null)
                .build();
    }

    @ParameterizedTest
    @EnumSource(FileType.class)
    void everyFieldOfEveryTypeRoundTrips(FileType type) {
        Inode inode = everyField(Long.MAX_VALUE, type);
        assertThat(InodeCodec.decode(Long.MAX_VALUE, InodeCodec.encode(inode))).isEqualTo(inode);
    }

    @Test
    void aSymlinkWithAnEmptyTargetKeepsItNonNull() {
        Inode link = Inode.builder(9, 0, FileType.SYMLINK).symlinkTarget("").build();
        Inode decoded = InodeCodec.decode(9, InodeCodec.encode(link));
        assertThat(decoded.symlinkTarget()).isEmpty();
        assertThat(decoded).isEqualTo(link);
    }

    @Test
    void aNonSymlinkDecodesWithANullTarget() {
        Inode file = Inode.builder(9, 0, FileType.REGULAR).build();
        assertThat(InodeCodec.decode(9, InodeCodec.encode(file)).symlinkTarget())
                .isNull();
    }

    @Test
    void theLayoutIsPinnedByGoldenBytes() {
        Inode link = Inode.builder(2, 0x01020304, FileType.SYMLINK)
                .mode(0755)
                .uid(1000)
                .gid(100)
                .nlink(1)
                .size(1)
                .allTimes(0x1112131415161718L)
                .change(5)
                .dosAttributes(0x20)
                .rdev(0)
                .parentId(0)
                .createVerifier(0)
                .symlinkTarget("é")
                .build();
        String hex = "01" // version
                + "03" // type SYMLINK
                + "01020304" // generation
                + "000001ed" // mode 0755
                + "000003e8" // uid
                + "00000064" // gid
                + "00000001" // nlink
                + "0000000000000001" // size
                + "1112131415161718".repeat(4) // atime, mtime, ctime, birthtime
                + "0000000000000005" // change
                + "00000020" // dosAttributes
                + "0000000000000000" // rdev
                + "0000000000000000" // parentId
                + "0000000000000000" // createVerifier
                + "c3a9"; // "é"
        assertThat(HexFormat.of().formatHex(InodeCodec.encode(link))).isEqualTo(hex);
        assertThat(InodeCodec.decode(2, HexFormat.of().parseHex(hex))).isEqualTo(link);
    }

    @Test
    void anUnknownVersionOrATruncatedValueIsReportedAsCorruption() {
        byte[] good = InodeCodec.encode(everyField(3, FileType.REGULAR));
        byte[] future = good.clone();
        future[0] = 2;
        assertThatThrownBy(() -> InodeCodec.decode(3, future))
                .isInstanceOf(RocksDbStoreException.class)
                .hasMessageContaining("inode 3");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> InodeCodec.decode(3, truncated)).isInstanceOf(RocksDbStoreException.class);
        byte[] badType = good.clone();
        badType[1] = 99;
        assertThatThrownBy(() -> InodeCodec.decode(3, badType)).hasMessageContaining("type code 99");
        assertThatThrownBy(() -> InodeCodec.decode(3, new byte[0])).isInstanceOf(RocksDbStoreException.class);
    }

    @Test
    void aSymlinkTargetWithAnUnpairedSurrogateIsRefused() {
        Inode bad =
                Inode.builder(4, 0, FileType.SYMLINK).symlinkTarget("x\uDC00").build();
        assertThatThrownBy(() -> InodeCodec.encode(bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
