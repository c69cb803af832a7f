package io.dittofs.server.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The control plane's state on disk: one JSON file, replaced atomically. A save writes a temporary
 * file, fsyncs it, renames it over the old one and fsyncs the folder, so after a crash the file is
 * either the old state or the new one, never a mix. The file is 0600: it holds password hashes.
 *
 * <p>Why a file and not RocksDB: the state is small (kilobytes), changes a few times a day, is
 * always read whole at start, and an operator can read it (and back it up) with any tool.
 */
public final class StateFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public Optional<ControlState> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ControlState s = JSON.readValue(file.toFile(), ControlState.class);
        if (s.format() != ControlState.FORMAT) {
            throw new IOException(file + " has format " + s.format() + "; this server reads " + ControlState.FORMAT);
        }
        return Optional.of(s);
    }

    public void save(ControlState state) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(state);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself is durable only once the folder is
        }
    }
}
