package io.dittofs.runtime.content;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.PackRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Uploads the new chunks of a group of rollups (or of one repack): chunks of at least {@link
 * ContentSettings.Packing#below} bytes each as an object of their own, at once; smaller ones
 * gathered and uploaded together as one pack object once {@link ContentSettings.Packing#target}
 * bytes are waiting, or when the group is done ({@link #flush}). So many small files rolled up
 * together cost a handful of requests, not one each.
 *
 * <p>Order of effects, as for single chunks: the object's key is recorded in {@link
 * UploadIntents} before the upload; a pack's {@link PackRecord} (no live chunks yet, stamped
 * empty now) is committed right after it, before any chunk record points into it. The rollups'
 * commits then create the chunk records and count them live in the pack, each checking that the
 * pack record is still there (garbage collection deletes a pack that stays empty past the grace
 * period; a commit that finds it gone rolls up again). A crash between upload and pack record
 * leaves an object nothing names, which the intents settle; a pack record no chunk ever joined is
 * collected like any empty pack.
 *
 * <p>Chunks enter the local cache only once the remote holds them. Threading: confined to the
 * caller, which holds the share's rollup lock.
 */
final class Packer {
    private final MetadataStore meta;
    private final RemoteChunks remote;
    private final UploadIntents intents;
    private final ChunkCache cache;
    private final Clock clock;
    private final ContentSettings.Packing packing;

    private final Map<String, ByteBuffer> staged = new LinkedHashMap<>();
    private long stagedBytes;
    /** Chunks uploaded by this packer, with where they landed (reference count 0). */
    private final Map<String, ChunkRecord> placed = new HashMap<>();

    private int objects;
    private int packs;

    Packer(
            MetadataStore meta,
            RemoteChunks remote,
            UploadIntents intents,
            ChunkCache cache,
            Clock clock,
            ContentSettings.Packing packing) {
        this.meta = meta;
        this.remote = remote;
        this.intents = intents;
        this.cache = cache;
        this.clock = clock;
        this.packing = packing;
    }

    /** Whether this packer has taken the chunk (uploaded, or waiting for its pack). */
    boolean has(String id) {
        return staged.containsKey(id) || placed.containsKey(id);
    }

    /** Whether the chunk waits for its pack (so it is not in the remote yet). */
    boolean waiting(String id) {
        return staged.containsKey(id);
    }

    /** Where an uploaded chunk landed, or null when this packer has not uploaded it. */
    @Nullable
    ChunkRecord placed(String id) {
        return placed.get(id);
    }

    /** Objects written so far: whole chunks and packs. */
    int objects() {
        return objects;
    }

    int packs() {
        return packs;
    }

    /**
     * Uploads new chunks (id to bytes, none {@link #has known} yet): large ones now, each its own
     * object; small ones wait for a pack, which goes once enough bytes wait.
     */
    void add(Map<String, ByteBuffer> fresh) {
        Map<String, ByteBuffer> whole = new LinkedHashMap<>();
        for (Map.Entry<String, ByteBuffer> e : fresh.entrySet()) {
            ByteBuffer data = e.getValue();
            if (!packing.packs(data.remaining())) {
                whole.put(e.getKey(), data);
                continue;
            }
            staged.put(e.getKey(), data);
            stagedBytes += data.remaining();
            if (stagedBytes >= packing.target()) {
                flush(); // packs stay about target bytes, whatever the size of the batch handed in
            }
        }
        uploadWhole(whole);
    }

    /** Uploads the waiting small chunks: one pack (or, for a single chunk, an object of its own). */
    void flush() {
        if (staged.isEmpty()) {
            return;
        }
        if (staged.size() == 1) {
            uploadWhole(staged);
        } else {
            uploadPack();
        }
        staged.clear();
        stagedBytes = 0;
    }

    private void uploadWhole(Map<String, ByteBuffer> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        List<RemoteChunks.Upload> uploads = new ArrayList<>(chunks.size());
        chunks.forEach((id, data) -> uploads.add(new RemoteChunks.Upload(remote.newObjectKey(id), data)));
        intents.record(uploads.stream().map(RemoteChunks.Upload::objectKey).toList());
        remote.putAll(uploads);
        for (RemoteChunks.Upload u : uploads) {
            String id = RemoteChunks.chunkIdOf(u.objectKey());
            placed.put(id, new ChunkRecord(id, u.objectKey(), u.data().remaining(), 0, 0));
            cache.put(id, u.data());
        }
        objects += uploads.size();
    }

    private void uploadPack() {
        String key = remote.newPackKey();
        List<String> ids = List.copyOf(staged.keySet());
        List<ByteBuffer> data = List.copyOf(staged.values());
        intents.record(List.of(key));
        List<RemoteChunks.Placement> at = remote.putPack(key, data);
        long now = clock.millis();
        PackRecord pack = new PackRecord(key, ids.size(), stagedBytes, 0, 0, now);
        meta.write(Durability.SYNC, w -> {
            w.putPack(pack);
            return null;
        });
        for (int i = 0; i < ids.size(); i++) {
            RemoteChunks.Placement p = at.get(i);
            String id = ids.get(i);
            placed.put(
                    id,
                    new ChunkRecord(
                            id, key, data.get(i).remaining(), 0, 0, p.offset(), p.storedLength(), p.frameCrc()));
            cache.put(id, data.get(i));
        }
        objects++;
        packs++;
    }
}
