package io.dittofs.runtime.share;

/** Which callers a share maps to the anonymous uid/gid (exports(5) root_squash, all_squash). */
public enum Squash {
    /** Nobody is mapped. */
    NONE,
    /** uid 0 (and gid 0) are mapped to the anonymous ids. */
    ROOT,
    /** Every caller is mapped to the anonymous ids. */
    ALL
}
