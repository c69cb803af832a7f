package io.dittofs.it.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Just enough of the ELF64 format to vet the binaries the guest boots and runs. */
final class Elf {

    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;

    /** {@code XEN_ELFNOTE_PHYS32_ENTRY}: the kernel's PVH entry point, which QEMU boots directly. */
    private static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    private Elf() {}

    /** True for a little-endian ELF64 file without a program interpreter: it runs without a libc. */
    static boolean isStatic(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            if (!isElf64(channel)) {
                return false;
            }
            for (ByteBuffer header : programHeaders(channel)) {
                if (header.getInt(0) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        }
    }

    /** True for an ELF64 kernel that carries a PVH entry point note. */
    static boolean hasPvhEntry(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            if (!isElf64(channel)) {
                return false;
            }
            for (ByteBuffer header : programHeaders(channel)) {
                if (header.getInt(0) == PT_NOTE && hasPvhNote(channel, header.getLong(8), header.getLong(32))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isElf64(FileChannel channel) throws IOException {
        ByteBuffer ident = read(channel, 0, 6);
        return ident.getInt(0) == 0x464c457f // "\x7fELF", read little-endian
                && ident.get(4) == 2 // ELFCLASS64
                && ident.get(5) == 1; // ELFDATA2LSB
    }

    private static ByteBuffer[] programHeaders(FileChannel channel) throws IOException {
        ByteBuffer header = read(channel, 0, 64);
        long offset = header.getLong(0x20); // e_phoff
        int size = Short.toUnsignedInt(header.getShort(0x36)); // e_phentsize
        int count = Short.toUnsignedInt(header.getShort(0x38)); // e_phnum
        ByteBuffer[] headers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            headers[i] = read(channel, offset + (long) i * size, 56);
        }
        return headers;
    }

    /** Walks one note segment: namesz, descsz, type, then name and desc, each 4-byte aligned. */
    private static boolean hasPvhNote(FileChannel channel, long offset, long size) throws IOException {
        if (size <= 0 || size > 1 << 20) {
            return false;
        }
        ByteBuffer notes = read(channel, offset, (int) size);
        int position = 0;
        while (position + 12 <= notes.limit()) {
            int nameSize = notes.getInt(position);
            int descSize = notes.getInt(position + 4);
            int type = notes.getInt(position + 8);
            if (nameSize < 0 || descSize < 0 || position + 12 + nameSize > notes.limit()) {
                return false;
            }
            byte[] name = new byte[Math.max(0, nameSize - 1)];
            notes.get(position + 12, name);
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && new String(name, StandardCharsets.US_ASCII).equals("Xen")) {
                return true;
            }
            position += 12 + align4(nameSize) + align4(descSize);
        }
        return false;
    }

    private static int align4(int value) {
        return (value + 3) & ~3;
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip().limit(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
