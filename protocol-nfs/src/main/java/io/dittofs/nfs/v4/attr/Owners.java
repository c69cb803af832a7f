package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.runtime.identity.Identities;
import java.util.OptionalInt;

/**
 * The owner and owner_group strings (RFC 7530 section 5.9): {@code name@domain} for ids the
 * runtime's identities know, the decimal id for the rest, which is what Linux clients send and
 * expect when idmapping finds no name (nfs4_disable_idmapping).
 */
public record Owners(Identities identities, String domain) {

    public String user(int uid) {
        return qualify(identities.userName(uid), uid);
    }

    public String group(int gid) {
        return qualify(identities.groupName(gid), gid);
    }

    private String qualify(String name, int id) {
        return name.equals(Integer.toUnsignedString(id)) ? name : name + "@" + domain;
    }

    /** The uid an owner string names: NFS4ERR_BADOWNER when none. */
    public int uidOf(String owner) {
        return orBad(identities.uidOf(strip(owner)), owner);
    }

    /** The gid an owner_group string names: NFS4ERR_BADOWNER when none. */
    public int gidOf(String group) {
        return orBad(identities.gidOf(strip(group)), group);
    }

    private static String strip(String s) {
        int at = s.indexOf('@');
        return at < 0 ? s : s.substring(0, at);
    }

    private static int orBad(OptionalInt id, String s) {
        if (id.isEmpty()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADOWNER, "unknown owner '" + s + "'");
        }
        return id.getAsInt();
    }
}
