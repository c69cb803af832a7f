package io.dittofs.bench.smb;

import io.dittofs.smb.encryption.MessageCipher;
import io.dittofs.smb.signing.Cipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encrypting and decrypting one SMB3 message (transform header, 16-byte tag, 32 bytes of AAD) of
 * {@code size} bytes, per implementation: {@code CCM_JDK} and {@code GCM_JDK} are the server's
 * {@link MessageCipher} on pooled direct buffers (the transport's); {@code CCM_BC} is
 * BouncyCastle's CCM on byte arrays, as the server used it before (the body copied in and out).
 * MB/s = ops/s × size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmbEncryptionBench {
    @Param({"CCM_JDK", "CCM_BC", "GCM_JDK"})
    public String impl;

    @Param({"65536", "1048576"})
    public int size;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final byte[] key = new byte[16];
    private final byte[] nonce = new byte[11];
    private final byte[] aad = new byte[32];
    private MessageCipher cipher;
    private ByteBuf plain;
    private ByteBuf sealed;
    private byte[] plainBytes;
    private byte[] sealedBytes;

    @Setup
    public void setup() {
        Random random = new Random(42);
        random.nextBytes(key);
        plainBytes = new byte[size];
        random.nextBytes(plainBytes);
        plain = alloc.directBuffer(size).writeBytes(plainBytes);
        cipher = new MessageCipher(impl.startsWith("GCM") ? Cipher.AES_128_GCM : Cipher.AES_128_CCM);
        sealed = cipher.encrypt(key, 1, plain, alloc);
        sealedBytes = bc(true, plainBytes);
    }

    @TearDown
    public void tearDown() {
        plain.release();
        sealed.release();
    }

    @Benchmark
    public int encrypt() {
        if (impl.equals("CCM_BC")) {
            return bc(true, plainBytes).length;
        }
        ByteBuf out = cipher.encrypt(key, 1, plain, alloc);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public int decrypt() {
        if (impl.equals("CCM_BC")) {
            return bc(false, sealedBytes).length;
        }
        ByteBuf out = cipher.decrypt(key, sealed.duplicate(), alloc);
        if (out == null) {
            throw new IllegalStateException("did not authenticate");
        }
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** The former MessageCipher's CCM: the body copied into an array, BouncyCastle, copied out. */
    private byte[] bc(boolean encrypt, byte[] body) {
        byte[] in = body.clone();
        CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
        ccm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[ccm.getOutputSize(in.length)];
        try {
            int n = ccm.processBytes(in, 0, in.length, out, 0);
            ccm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
