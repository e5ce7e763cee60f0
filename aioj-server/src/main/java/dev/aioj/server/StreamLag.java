package dev.aioj.server;

/**
 * A consumer group's position in numbers (Redis 7.0's entries-read and lag):
 * whether a range of IDs may hold deleted entries, the logical read counter
 * of an ID when it can be known, and the lag XINFO reports (null when it
 * cannot be known). Word for word Redis's streamRangeHasTombstones,
 * streamEstimateDistanceFromFirstEverEntry and streamReplyWithCGLag.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamLag {

    private StreamLag() {}

    /** Whether [start, end] (null: open) may include a deleted entry. */
    static boolean hasTombstones(StreamValue s, StreamId start, StreamId end) {
        if (s.length == 0 || s.maxDeletedId.isZero()) {
            return false;
        }
        if (s.firstId.compareTo(s.maxDeletedId) > 0) {
            return false;
        }
        StreamId from = start == null ? StreamId.MIN : start;
        StreamId to = end == null ? StreamId.MAX : end;
        return from.compareTo(s.maxDeletedId) <= 0 && s.maxDeletedId.compareTo(to) <= 0;
    }

    /** The logical read counter of {@code id}, or {@link StreamGroup#INVALID_ENTRIES_READ}. */
    static long estimateDistance(StreamValue s, StreamId id) {
        if (s.entriesAdded == 0) {
            return 0;
        }
        if (s.length == 0 && id.compareTo(s.lastId) < 1) {
            return s.entriesAdded;
        }
        int cmpLast = id.compareTo(s.lastId);
        if (cmpLast == 0) {
            return s.entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.INVALID_ENTRIES_READ;
        }
        int cmpIdFirst = id.compareTo(s.firstId);
        int cmpXdelFirst = s.maxDeletedId.compareTo(s.firstId);
        if (s.maxDeletedId.isZero() || cmpXdelFirst < 0) {
            if (cmpIdFirst < 0) {
                return s.entriesAdded - s.length;
            } else if (cmpIdFirst == 0) {
                return s.entriesAdded - s.length + 1;
            }
        }
        return StreamGroup.INVALID_ENTRIES_READ;
    }

    /** The group's lag, or null when it cannot be known. */
    static Long lag(StreamValue s, StreamGroup g) {
        if (s.entriesAdded == 0) {
            return 0L;
        }
        if (g.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !hasTombstones(s, g.lastId, null)) {
            return s.entriesAdded - g.entriesRead;
        }
        long read = estimateDistance(s, g.lastId);
        return read == StreamGroup.INVALID_ENTRIES_READ ? null : s.entriesAdded - read;
    }
}
