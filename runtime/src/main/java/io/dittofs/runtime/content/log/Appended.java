package io.dittofs.runtime.content.log;

/**
 * Where a record went: its sequence number, its group-commit ticket (pass it to {@link
 * WriteLog#sync}), its segment and the position of its data there.
 */
public record Appended(long seq, long ticket, Segment segment, long dataPosition) {}
