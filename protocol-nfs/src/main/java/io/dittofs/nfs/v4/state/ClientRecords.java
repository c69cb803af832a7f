package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The owner ids of clients holding confirmed state (RFC 7530 section 9.6.3, RFC 8881 section
 * 8.4.2.1: "stable storage"), so that after a restart the server knows which clients may reclaim
 * in the grace period, and can end the grace period early once all of them have said
 * RECLAIM_COMPLETE. Kept in memory, or also in a text file of one hex owner id per line that is
 * rewritten atomically on every change (a client's first confirmed state, its expiry).
 *
 * <p>Threading: every method synchronizes on this object.
 */
public final class ClientRecords {
    private final @Nullable Path file;
    private final Set<String> owners = new LinkedHashSet<>();
    private final Set<String> previousBoot;

    private ClientRecords(@Nullable Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && line.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        owners.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read NFSv4 client records from " + file, e);
            }
        }
        previousBoot = Set.copyOf(owners);
    }

    public static ClientRecords inMemory() {
        return new ClientRecords(null);
    }

    /** Records kept in {@code file} (read now, if it exists). */
    public static ClientRecords inFile(Path file) {
        return new ClientRecords(file);
    }

    /** Whether the previous server instance held state of this client. */
    public synchronized boolean heldStateBefore(byte[] ownerId) {
        return previousBoot.contains(HexFormat.of().formatHex(ownerId));
    }

    /** How many clients held state before the restart. */
    public synchronized int previousCount() {
        return previousBoot.size();
    }

    public synchronized void add(byte[] ownerId) {
        if (owners.add(HexFormat.of().formatHex(ownerId))) {
            save();
        }
    }

    public synchronized void remove(byte[] ownerId) {
        if (owners.remove(HexFormat.of().formatHex(ownerId))) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>(owners);
        StateFiles.writeAtomically(file, lines, "NFSv4 client records");
    }
}
