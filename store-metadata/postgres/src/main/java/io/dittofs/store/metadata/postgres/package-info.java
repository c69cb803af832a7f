/**
 * The shared, durable metadata store: the records of one share in a PostgreSQL schema.
 *
 * <p>{@link io.dittofs.store.metadata.postgres.PostgresMetadataStore} is the entry point; its
 * Javadoc documents the schema, the isolation and the commit policy.
 */
@NullMarked
package io.dittofs.store.metadata.postgres;

import org.jspecify.annotations.NullMarked;
