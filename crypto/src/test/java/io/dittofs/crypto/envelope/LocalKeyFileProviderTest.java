package io.dittofs.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileProviderTest {
    @TempDir
    Path dir;

    @Test
    void missingKeyFileIsCreatedWith32RandomBytesAndMode0600() throws Exception {
        Path file = dir.resolve("keys/kek.key");
        LocalKeyFileProvider p = LocalKeyFileProvider.open(file);

        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(p.currentKeyId()).matches("local-[0-9a-f]{16}");
        try (var s = Files.list(file.getParent())) {
            assertThat(s).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void reopeningTheSameFileGivesTheSameKey() {
        Path file = dir.resolve("kek.key");
        LocalKeyFileProvider first = LocalKeyFileProvider.open(file);
        byte[] dataKey = new byte[32];
        dataKey[0] = 7;
        KeyProvider.WrappedKey wrapped = first.wrap(dataKey);

        LocalKeyFileProvider again = LocalKeyFileProvider.open(file);

        assertThat(again.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(again.unwrap(wrapped.keyId(), wrapped.bytes())).isEqualTo(dataKey);
    }

    @Test
    void twoKeyFilesHaveDifferentKeyIds() {
        assertThat(LocalKeyFileProvider.open(dir.resolve("a")).currentKeyId())
                .isNotEqualTo(LocalKeyFileProvider.open(dir.resolve("b")).currentKeyId());
    }

    @Test
    void worldReadableKeyFileIsRefused() throws Exception {
        Path file = dir.resolve("kek.key");
        LocalKeyFileProvider.open(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> LocalKeyFileProvider.open(file))
                .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.kind())
                        .isEqualTo(EnvelopeException.Kind.BAD_KEY_FILE))
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void groupReadableKeyFileIsRefusedToo() throws Exception {
        Path file = dir.resolve("kek.key");
        LocalKeyFileProvider.open(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> LocalKeyFileProvider.open(file)).isInstanceOf(EnvelopeException.class);
    }

    @Test
    void keyFileOfTheWrongSizeIsRefused() throws Exception {
        Path file = dir.resolve("kek.key");
        Files.write(file, new byte[31]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> LocalKeyFileProvider.open(file))
                .isInstanceOf(EnvelopeException.class)
                .hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void unwrapUnderAnUnknownKeyIdSaysSo() {
        LocalKeyFileProvider p = LocalKeyFileProvider.open(dir.resolve("kek.key"));
        byte[] wrapped = p.wrap(new byte[32]).bytes();

        assertThatThrownBy(() -> p.unwrap("local-0000000000000000", wrapped))
                .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.kind())
                        .isEqualTo(EnvelopeException.Kind.UNKNOWN_KEY));
    }
}
