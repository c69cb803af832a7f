package io.dittofs.runtime.identity;

import io.dittofs.runtime.auth.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's users and groups, and the mapping between uid/gid, names and Windows SIDs that
 * every protocol uses.
 *
 * <p>SIDs follow Samba's conventions so Windows clients see stable identities: a registered user
 * is {@code domainSid-(2*uid+1000)} and a registered group {@code domainSid-(2*gid+1001)} (the
 * "algorithmic RID" mapping), and ids with no account are Samba's "Unix User" and "Unix Group"
 * SIDs {@code S-1-22-1-uid} and {@code S-1-22-2-gid}. Names without an account are the decimal
 * id, which is what Linux NFSv4 clients send and expect when no idmapping is configured.
 *
 * <p>Threading: reads are lock-free; changes synchronize on this object so the by-name and by-id
 * indexes agree.
 */
public final class Identities {
    private static final Sid UNIX_USERS = new Sid(22, new int[] {1});
    private static final Sid UNIX_GROUPS = new Sid(22, new int[] {2});

    private final Sid domainSid;
    private final Map<String, User> usersByName = new ConcurrentHashMap<>();
    private final Map<Integer, User> usersByUid = new ConcurrentHashMap<>();
    private final Map<String, Group> groupsByName = new ConcurrentHashMap<>();
    private final Map<Integer, Group> groupsByGid = new ConcurrentHashMap<>();

    /** @param domainSid the machine SID of this server ({@code S-1-5-21-x-y-z}) */
    public Identities(Sid domainSid) {
        this.domainSid = domainSid;
    }

    public Sid domainSid() {
        return domainSid;
    }

    /** Adds or replaces a user; fails when another user has the same uid. */
    public synchronized void putUser(User user) {
        User sameUid = usersByUid.get(user.uid());
        if (sameUid != null && !sameUid.name().equals(user.name())) {
            throw new IllegalArgumentException(
                    "uid " + user.uid() + " already belongs to user '" + sameUid.name() + "'");
        }
        User old = usersByName.put(user.name(), user);
        if (old != null) {
            usersByUid.remove(old.uid());
        }
        usersByUid.put(user.uid(), user);
    }

    public synchronized Optional<User> removeUser(String name) {
        User u = usersByName.remove(name);
        if (u != null) {
            usersByUid.remove(u.uid());
        }
        return Optional.ofNullable(u);
    }

    /** Adds or replaces a group; fails when another group has the same gid. */
    public synchronized void putGroup(Group group) {
        Group sameGid = groupsByGid.get(group.gid());
        if (sameGid != null && !sameGid.name().equals(group.name())) {
            throw new IllegalArgumentException(
                    "gid " + group.gid() + " already belongs to group '" + sameGid.name() + "'");
        }
        Group old = groupsByName.put(group.name(), group);
        if (old != null) {
            groupsByGid.remove(old.gid());
        }
        groupsByGid.put(group.gid(), group);
    }

    public synchronized Optional<Group> removeGroup(String name) {
        Group g = groupsByName.remove(name);
        if (g != null) {
            groupsByGid.remove(g.gid());
        }
        return Optional.ofNullable(g);
    }

    public Optional<User> userByName(String name) {
        return Optional.ofNullable(usersByName.get(name));
    }

    public Optional<User> userByUid(int uid) {
        return Optional.ofNullable(usersByUid.get(uid));
    }

    public Optional<Group> groupByName(String name) {
        return Optional.ofNullable(groupsByName.get(name));
    }

    public Optional<Group> groupByGid(int gid) {
        return Optional.ofNullable(groupsByGid.get(gid));
    }

    public List<User> users() {
        Collection<User> all = usersByName.values();
        return all.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public List<Group> groups() {
        Collection<Group> all = groupsByName.values();
        return all.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** The principal an authenticated user runs as. */
    public Principal principalOf(User user) {
        int[] groups = user.groups().stream().mapToInt(Integer::intValue).toArray();
        return new Principal(user.uid(), user.gid(), groups, user.name());
    }

    /** The user's name, or the uid in decimal when no user has it. */
    public String userName(int uid) {
        User u = usersByUid.get(uid);
        return u != null ? u.name() : Integer.toUnsignedString(uid);
    }

    /** The group's name, or the gid in decimal when no group has it. */
    public String groupName(int gid) {
        Group g = groupsByGid.get(gid);
        return g != null ? g.name() : Integer.toUnsignedString(gid);
    }

    /** The uid of a user name, or of a decimal uid; empty when neither. */
    public OptionalInt uidOf(String name) {
        User u = usersByName.get(name);
        return u != null ? OptionalInt.of(u.uid()) : parseId(name);
    }

    /** The gid of a group name, or of a decimal gid; empty when neither. */
    public OptionalInt gidOf(String name) {
        Group g = groupsByName.get(name);
        return g != null ? OptionalInt.of(g.gid()) : parseId(name);
    }

    public Sid userSid(int uid) {
        return usersByUid.containsKey(uid) ? domainSid.withRid(2 * uid + 1000) : UNIX_USERS.withRid(uid);
    }

    public Sid groupSid(int gid) {
        return groupsByGid.containsKey(gid) ? domainSid.withRid(2 * gid + 1001) : UNIX_GROUPS.withRid(gid);
    }

    /** The uid a SID stands for, when it is a user SID of this server. */
    public OptionalInt uidOfSid(Sid sid) {
        if (sid.isInDomain(UNIX_USERS)) {
            return OptionalInt.of(sid.rid());
        }
        if (sid.isInDomain(domainSid)) {
            long rid = Integer.toUnsignedLong(sid.rid());
            if (rid >= 1000 && rid % 2 == 0) {
                return OptionalInt.of((int) ((rid - 1000) / 2));
            }
        }
        return OptionalInt.empty();
    }

    /** The gid a SID stands for, when it is a group SID of this server. */
    public OptionalInt gidOfSid(Sid sid) {
        if (sid.isInDomain(UNIX_GROUPS)) {
            return OptionalInt.of(sid.rid());
        }
        if (sid.isInDomain(domainSid)) {
            long rid = Integer.toUnsignedLong(sid.rid());
            if (rid >= 1001 && rid % 2 == 1) {
                return OptionalInt.of((int) ((rid - 1001) / 2));
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt parseId(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        long v = Long.parseLong(s);
        return v <= 0xFFFF_FFFFL ? OptionalInt.of((int) v) : OptionalInt.empty();
    }
}
