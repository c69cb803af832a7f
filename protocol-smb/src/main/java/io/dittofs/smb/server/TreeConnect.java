package io.dittofs.smb.server;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.share.Share;
import org.jspecify.annotations.Nullable;

/**
 * A tree connect (MS-SMB2 section 3.3.1.10): a session's use of one share, or of IPC$.
 *
 * @param id TreeId
 * @param share the share, {@code null} for IPC$
 * @param ctx the caller's context after the share admitted it (squashing applied)
 * @param encryptData requests on this tree must arrive encrypted (MS-SMB2 3.3.5.2.11)
 */
public record TreeConnect(int id, @Nullable Share share, AuthContext ctx, boolean encryptData) {
    public TreeConnect(int id, @Nullable Share share, AuthContext ctx) {
        this(id, share, ctx, false);
    }

    /** Makes a tree connect for a fresh id. */
    public interface Factory {
        TreeConnect create(int id);
    }

    public boolean isIpc() {
        return share == null;
    }
}
