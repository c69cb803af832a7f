/**
 * The S3 block store: {@link io.dittofs.store.block.BlockStore} over any S3-compatible object
 * store through the AWS SDK for Java v2 (sync Apache HTTP client, SigV4, path-style or virtual
 * hosts, multipart uploads for large objects, ranged GETs, retries with backoff).
 */
@NullMarked
package io.dittofs.store.block.s3;

import org.jspecify.annotations.NullMarked;
