package io.dittofs.runtime.content;

import io.dittofs.store.metadata.ContentExtent;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Assembles a file's current bytes for a range: the content map's chunks, overlaid with the
 * write log's pieces, with zeros for holes and past a logged truncation.
 */
final class ViewReader {
    private static final int PAGE = 64;

    /** The whole (verified) bytes of an extent's chunk. */
    @FunctionalInterface
    interface Chunks {
        ByteBuffer whole(ContentExtent extent);
    }

    /** The extents ending after {@code from}, in offset order, at most {@code limit}. */
    @FunctionalInterface
    interface Extents {
        List<ContentExtent> page(long from, int limit);
    }

    private ViewReader() {}

    /**
     * Fills {@code out} (freshly allocated, so zeros; from its position to its limit) with the
     * bytes at {@code offset}, and moves its position to its limit.
     */
    static void fill(Overlay.View view, Extents extents, Chunks chunks, long offset, ByteBuffer out) {
        int base = out.position();
        long end = offset + out.remaining();
        long mapEnd = Math.min(end, view.zeroFrom());
        long pos = offset;
        while (pos < mapEnd) {
            List<ContentExtent> page = extents.page(pos, PAGE);
            for (ContentExtent e : page) {
                if (e.offset() >= mapEnd) {
                    pos = mapEnd;
                    break;
                }
                long s = Math.max(pos, e.offset());
                long t = Math.min(mapEnd, e.end());
                if (s < t) {
                    ByteBuffer data = chunks.whole(e);
                    int from = data.position() + (int) (s - e.offset());
                    out.put(base + (int) (s - offset), data, from, (int) (t - s));
                }
                pos = Math.max(pos, e.end());
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        for (Overlay.Piece p : view.pieces()) {
            long s = Math.max(p.start(), offset);
            long t = Math.min(p.end(), end);
            if (s < t) {
                ByteBuffer dst = out.duplicate();
                dst.limit(base + (int) (t - offset)).position(base + (int) (s - offset));
                p.segment().read(p.position() + (s - p.start()), dst);
            }
        }
        out.position(out.limit());
    }

    /** Extents from a list already loaded (sorted, non-overlapping). */
    static Extents of(List<ContentExtent> loaded) {
        return (from, limit) -> {
            int lo = 0;
            int hi = loaded.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (loaded.get(mid).end() <= from) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return loaded.subList(lo, Math.min(loaded.size(), lo + limit));
        };
    }
}
