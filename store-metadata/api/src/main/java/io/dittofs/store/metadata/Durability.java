package io.dittofs.store.metadata;

/** When the changes of a write transaction must be on stable storage. */
public enum Durability {
    /** Before {@link MetadataStore#write} returns. */
    SYNC,
    /** By the time a later {@link MetadataStore#sync()} or SYNC write returns. */
    DEFERRED
}
