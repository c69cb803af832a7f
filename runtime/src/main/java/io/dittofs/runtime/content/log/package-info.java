/**
 * The local write log of the block pipeline: append-only segments of checksummed records on the
 * local tier, group-committed fsyncs, replay after a crash, and trimming from the head once the
 * records are rolled up into chunks.
 */
@NullMarked
package io.dittofs.runtime.content.log;

import org.jspecify.annotations.NullMarked;
