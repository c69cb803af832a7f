package io.dittofs.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (unpadded base64), so the
 * parameters travel with each hash and can be raised later without breaking old ones.
 */
public final class PasswordHasher {
    /** OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here per login. */
    public static final PasswordHasher DEFAULT = new PasswordHasher(19 * 1024, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int passes;
    private final int lanes;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKiB, int passes, int lanes) {
        if (memoryKiB < 8 * lanes || passes < 1 || lanes < 1) {
            throw new IllegalArgumentException("bad Argon2 parameters");
        }
        this.memoryKiB = memoryKiB;
        this.passes = passes;
        this.lanes = lanes;
    }

    /** A new PHC string for {@code password}, with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKiB, passes, lanes, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + passes + ",p=" + lanes + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code phc}; false (never an exception) for a malformed hash. */
    public static boolean verify(char[] password, String phc) {
        String[] parts = phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                int v = Integer.parseInt(kv.substring(2));
                switch (kv.substring(0, 2)) {
                    case "m=" -> m = v;
                    case "t=" -> t = v;
                    case "p=" -> p = v;
                    default -> {
                        return false;
                    }
                }
            }
            if (m < 8 || m > (1 << 22) || t < 1 || t > 16 || p < 1 || p > 16) {
                return false; // refuse parameters that would let a stored hash exhaust the server
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        gen.generateBytes(pw, out);
        java.util.Arrays.fill(pw, (byte) 0);
        return out;
    }
}
