package io.dittofs.smb;

import io.dittofs.smb.encryption.MessageCipher;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A socket to the real adapter for {@link RawClient}: frames out, and a reader thread that
 * sorts what comes back into responses (interim STATUS_PENDING ones dropped) and unsolicited
 * notifications (MessageId 0xFFFFFFFFFFFFFFFF: oplock and lease breaks).
 */
public final class TcpSmb implements RawClient.Exchange, AutoCloseable {
    private static final int STATUS_PENDING = 0x103;

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<ByteBuf> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuf> notifications = new LinkedBlockingQueue<>();
    private final Thread reader;
    /** Set once the session encrypts: messages out are sealed, transform frames in are opened. */
    private volatile @Nullable Sealing sealing;

    private final AtomicInteger encryptedNotifications = new AtomicInteger();

    /** The cipher and the client's keys (ClientOut is the server's ServerIn, and the other way round). */
    private record Sealing(MessageCipher cipher, byte[] outKey, byte[] inKey, long sessionId) {}

    public TcpSmb(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        reader = Thread.ofVirtual().start(() -> read(in));
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int length = in.readInt() & 0xFFFFFF;
                byte[] frame = new byte[length];
                in.readFully(frame);
                ByteBuf b = Unpooled.wrappedBuffer(frame);
                Sealing s = sealing;
                boolean sealed = frame.length > 4 && (frame[0] & 0xFF) == 0xFD && frame[1] == 'S';
                if (sealed && s != null) {
                    b = s.cipher().decrypt(s.inKey(), b, ByteBufAllocator.DEFAULT);
                    if (b == null) {
                        throw new IllegalStateException("a transform frame that does not decrypt");
                    }
                }
                Smb2Header h = Smb2Header.decode(b);
                if (h.messageId() == -1L) {
                    if (sealed) {
                        encryptedNotifications.incrementAndGet();
                    }
                    notifications.add(b);
                } else if (!(h.status() == STATUS_PENDING && h.isAsync())) {
                    responses.add(b);
                }
            }
        } catch (IOException e) {
            // closed
        } catch (RuntimeException e) {
            notifications.add(Unpooled.EMPTY_BUFFER); // a frame that does not decode: the waiting test fails on it
            throw e;
        }
    }

    @Override
    public synchronized ByteBuf exchange(ByteBuf message) {
        send(message);
        try {
            ByteBuf r = responses.poll(30, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no response in 30 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** From now on, seals what is sent and opens what arrives sealed (SMB 3.x encryption, MS-SMB2 3.1.4.3). */
    public void encrypt(MessageCipher cipher, byte[] outKey, byte[] inKey, long sessionId) {
        sealing = new Sealing(cipher, outKey.clone(), inKey.clone(), sessionId);
    }

    /** How many unsolicited messages arrived in a transform frame. */
    public int encryptedNotifications() {
        return encryptedNotifications.get();
    }

    /** Sends one message without waiting for anything. */
    public void send(ByteBuf message) {
        Sealing s = sealing;
        if (s != null) {
            ByteBuf sealed = s.cipher().encrypt(s.outKey(), s.sessionId(), message, ByteBufAllocator.DEFAULT);
            message.release();
            message = sealed;
        }
        byte[] bytes = new byte[message.readableBytes()];
        message.readBytes(bytes);
        message.release();
        try {
            synchronized (out) {
                out.write(new byte[] {0, (byte) (bytes.length >> 16), (byte) (bytes.length >> 8), (byte) bytes.length});
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The next unsolicited message within {@code millis}, or {@code null}. */
    public @Nullable ByteBuf notification(long millis) throws InterruptedException {
        return notifications.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        reader.interrupt();
    }
}
