package io.dittofs.store.block.s3;

import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Request bodies that read the caller's buffer in place. The SDK's {@code fromByteBuffer} copies
 * the whole payload first; a put is synchronous and the caller keeps its buffer until it returns,
 * so a view is enough. Each retry gets a fresh stream over the same bytes.
 */
final class Bodies {
    private Bodies() {}

    /** A body of {@code data}'s remaining bytes; {@code data} itself is never moved. */
    static RequestBody of(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        return RequestBody.fromContentProvider(
                () -> new BufferStream(view.duplicate()), view.remaining(), "application/octet-stream");
    }

    /** An input stream over a private duplicate of a buffer. The JDK has none for buffers. */
    private static final class BufferStream extends InputStream {
        private final ByteBuffer buf;

        BufferStream(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return buf.hasRemaining() ? buf.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!buf.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buf.remaining();
        }
    }
}
