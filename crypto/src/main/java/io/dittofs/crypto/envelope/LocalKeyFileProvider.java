package io.dittofs.crypto.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key provider with one KEK: 32 random bytes in a local file, created with mode 0600 when
 * absent. A file that the group or others may access in any way is refused (as ssh refuses such a
 * private key): whoever reads it reads every object.
 *
 * <p>The key id is {@code local-} and 16 hex digits of a SHA-256 of the key, so objects written
 * under another key file are reported as "unknown key" rather than as corrupt.
 *
 * <p>Thread-safe and immutable once opened.
 */
public final class LocalKeyFileProvider implements KeyProvider {
    public static final int KEY_LENGTH = 32;
    private static final String WRAP = "AES/KW/NoPadding";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final SecretKeySpec kek;
    private final String keyId;

    private LocalKeyFileProvider(byte[] key) {
        this.kek = new SecretKeySpec(key, "AES");
        this.keyId = keyIdOf(key);
        Arrays.fill(key, (byte) 0);
    }

    /**
     * Opens the key file, creating it (32 random bytes, mode 0600, written atomically) when it does
     * not exist.
     *
     * @throws EnvelopeException of kind BAD_KEY_FILE when the file is not exactly 32 bytes, may be
     *     accessed by group or others, or cannot be read or created
     */
    public static LocalKeyFileProvider open(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            checkPermissions(file);
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_LENGTH) {
                Arrays.fill(key, (byte) 0);
                throw new EnvelopeException(
                        EnvelopeException.Kind.BAD_KEY_FILE,
                        "key file " + file + " must hold exactly " + KEY_LENGTH + " bytes, not " + key.length);
            }
            return new LocalKeyFileProvider(key);
        } catch (IOException e) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.BAD_KEY_FILE, "cannot use key file " + file + ": " + e, e);
        }
    }

    @Override
    public String currentKeyId() {
        return keyId;
    }

    @Override
    public WrappedKey wrap(byte[] dataKey) {
        if (dataKey.length != AeadAlgorithm.KEY_LENGTH) {
            throw new IllegalArgumentException("a data key is " + AeadAlgorithm.KEY_LENGTH + " bytes");
        }
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.ENCRYPT_MODE, kek);
            return new WrappedKey(keyId, c.doFinal(dataKey));
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException(EnvelopeException.Kind.INTERNAL, "AES key wrap failed", e);
        }
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrapped) {
        if (!this.keyId.equals(keyId)) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.UNKNOWN_KEY,
                    "no key-encryption key '" + keyId + "' (the key file holds '" + this.keyId + "')");
        }
        byte[] key;
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.DECRYPT_MODE, kek);
            key = c.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.AUTHENTICATION_FAILED, "wrapped data key failed its integrity check", e);
        }
        if (key.length != AeadAlgorithm.KEY_LENGTH) {
            Arrays.fill(key, (byte) 0);
            throw new EnvelopeException(
                    EnvelopeException.Kind.AUTHENTICATION_FAILED, "wrapped data key has the wrong length");
        }
        return key;
    }

    private static String keyIdOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("dittofs local kek id v1".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(key);
            return "local-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException(EnvelopeException.Kind.INTERNAL, "no SHA-256", e);
        }
    }

    private static void checkPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.BAD_KEY_FILE,
                    "key file " + file
                            + " is on a file system without POSIX permissions; cannot check who may read it");
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new EnvelopeException(
                    EnvelopeException.Kind.BAD_KEY_FILE,
                    "key file " + file + " has mode " + PosixFilePermissions.toString(perms)
                            + ", so others may read it; it must be accessible by its owner only (chmod 600)");
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(
                dir,
                ".dittofs-key-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] key = new byte[KEY_LENGTH];
        try {
            new SecureRandom().nextBytes(key);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(key));
                ch.force(true);
            }
            // A hard link appears atomically and never replaces: if another process created the
            // file meanwhile, theirs wins and both use it.
            Files.createLink(file, tmp);
            fsyncDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // Another process created it first: use theirs.
        } finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(tmp);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: some file systems cannot open or sync a directory.
        }
    }
}
