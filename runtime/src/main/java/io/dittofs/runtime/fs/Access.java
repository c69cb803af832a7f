package io.dittofs.runtime.fs;

/**
 * The access bits {@link FileSystem#access} checks and grants. They have the values of NFSv3's
 * ACCESS3_* (RFC 1813 section 3.3.4) and NFSv4's ACCESS4_*, which are the same.
 */
public final class Access {
    public static final int READ = 0x0001;
    public static final int LOOKUP = 0x0002;
    public static final int MODIFY = 0x0004;
    public static final int EXTEND = 0x0008;
    public static final int DELETE = 0x0010;
    public static final int EXECUTE = 0x0020;
    public static final int ALL = READ | LOOKUP | MODIFY | EXTEND | DELETE | EXECUTE;

    private Access() {}
}
