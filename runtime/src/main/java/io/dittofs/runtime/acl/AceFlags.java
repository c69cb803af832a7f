package io.dittofs.runtime.acl;

/** ACE flag bits, with the values of RFC 8881 section 6.2.1.4 (aceflag4). */
public final class AceFlags {
    public static final int FILE_INHERIT = 0x00000001;
    public static final int DIRECTORY_INHERIT = 0x00000002;
    public static final int NO_PROPAGATE_INHERIT = 0x00000004;
    public static final int INHERIT_ONLY = 0x00000008;
    /** Audit/alarm only; meaningless on allow and deny ACEs and dropped. */
    public static final int SUCCESSFUL_ACCESS = 0x00000010;
    /** Audit/alarm only; meaningless on allow and deny ACEs and dropped. */
    public static final int FAILED_ACCESS = 0x00000020;
    /**
     * The who names a group. {@link Ace} does not keep this bit: its {@link Who} says it
     * ({@link Who.Group} and {@link Who#GROUP}); codecs set and read it.
     */
    public static final int IDENTIFIER_GROUP = 0x00000040;

    public static final int INHERITED = 0x00000080;

    /** The flags an {@link Ace} keeps. */
    public static final int KEPT = FILE_INHERIT | DIRECTORY_INHERIT | NO_PROPAGATE_INHERIT | INHERIT_ONLY | INHERITED;

    /** The flags that make an ACE pass to children. */
    public static final int INHERIT = FILE_INHERIT | DIRECTORY_INHERIT;

    private AceFlags() {}
}
