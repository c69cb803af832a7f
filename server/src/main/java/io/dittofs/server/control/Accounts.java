package io.dittofs.server.control;

import io.dittofs.crypto.NtHash;
import io.dittofs.crypto.PasswordHasher;
import io.dittofs.runtime.identity.Group;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.server.control.ControlPlane.Outcome;
import io.dittofs.server.control.ControlState.GroupRecord;
import io.dittofs.server.control.ControlState.UserRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Users, groups and membership: validated, applied to the runtime's identities live, saved. */
public final class Accounts {
    /** Names every protocol and a file name can carry (the config's rule). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    private static final int MIN_PASSWORD = 8;
    /** Verified against when the user does not exist, so both cases take the same time. */
    private static final String DUMMY_HASH = PasswordHasher.DEFAULT.hash("not-a-password".toCharArray());

    private final ControlPlane cp;

    public Accounts(ControlPlane cp) {
        this.cp = cp;
    }

    static void checkName(String field, @Nullable String name) {
        if (name == null || name.isEmpty()) {
            throw ControlException.invalid(field, "a name is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw ControlException.invalid(
                    field, "'" + name + "' is not a valid name (letters, digits, '.', '_', '-'; up to 80; no '/')");
        }
    }

    /** The user when the password matches; empty otherwise (same cost either way). */
    public Optional<UserRecord> authenticate(String name, String password) {
        UserRecord u =
                ControlState.find(cp.state().users(), UserRecord::name, name).orElse(null);
        char[] pw = password.toCharArray();
        try {
            String hash = u == null || u.passwordHash() == null ? DUMMY_HASH : u.passwordHash();
            boolean ok = PasswordHasher.verify(pw, hash);
            return ok && u != null && u.passwordHash() != null ? Optional.of(u) : Optional.empty();
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    public Optional<UserRecord> user(String name) {
        return ControlState.find(cp.state().users(), UserRecord::name, name);
    }

    public UserRecord requireUser(String name) {
        return user(name).orElseThrow(() -> ControlException.notFound("user", name));
    }

    public List<UserRecord> users() {
        return cp.state().users();
    }

    public List<GroupRecord> groups() {
        return cp.state().groups();
    }

    public GroupRecord requireGroup(String name) {
        return ControlState.find(cp.state().groups(), GroupRecord::name, name)
                .orElseThrow(() -> ControlException.notFound("group", name));
    }

    /** A user as the API shows it: never a hash. */
    public Map<String, Object> view(UserRecord u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("uid", u.uid());
        m.put("gid", u.gid());
        List<String> groupNames = new ArrayList<>();
        for (int gid : u.groups()) {
            groupNames.add(cp.state().groups().stream()
                    .filter(g -> g.gid() == gid)
                    .map(GroupRecord::name)
                    .findFirst()
                    .orElse(Integer.toString(gid)));
        }
        m.put("groups", groupNames);
        m.put("role", u.role());
        m.put("hasPassword", u.passwordHash() != null);
        m.put("smb", u.ntHash() != null && u.uid() != null);
        m.put("revision", u.revision());
        return m;
    }

    public Map<String, Object> view(GroupRecord g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("gid", g.gid());
        m.put(
                "members",
                cp.state().users().stream()
                        .filter(u -> u.groups().contains(g.gid()))
                        .map(UserRecord::name)
                        .sorted()
                        .toList());
        m.put("revision", g.revision());
        return m;
    }

    public UserRecord createUser(Requests.UserCreate r) {
        return cp.mutate(s -> {
            checkName("name", r.name());
            if (ControlState.find(s.users(), UserRecord::name, r.name()).isPresent()) {
                throw ControlException.invalid("name", "user '" + r.name() + "' exists");
            }
            String role = role(r.role());
            checkIds(s, r.name(), r.uid(), r.gid());
            List<Integer> gids = gids(s, r.groups());
            String hash = null;
            Sealed nt = null;
            if (r.password() != null) {
                checkPassword(r.password());
                char[] pw = r.password().toCharArray();
                hash = PasswordHasher.DEFAULT.hash(pw);
                nt = cp.sealer().seal(NtHash.of(pw), ControlPlane.ntPurpose(r.name()));
                Arrays.fill(pw, '\0');
            }
            UserRecord u = new UserRecord(r.name(), r.uid(), r.gid(), gids, role, hash, nt, cp.nextRevision());
            Runnable undo = applyUser(u, null);
            return new Outcome<>(s.withUsers(ControlState.put(s.users(), UserRecord::name, u)), u, undo);
        });
    }

    public UserRecord updateUser(String name, Requests.UserUpdate r, @Nullable Long ifMatch) {
        return cp.mutate(s -> {
            UserRecord old = ControlState.find(s.users(), UserRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("user", name));
            ControlPlane.checkRevision(ifMatch, old.revision(), "user '" + name + "'");
            Integer uid = r.uid() != null ? r.uid() : old.uid();
            Integer gid = r.gid() != null ? r.gid() : old.gid();
            checkIds(s, name, uid, gid);
            String role = r.role() != null ? role(r.role()) : old.role();
            if (old.role().equals(ControlPlane.ROLE_ADMIN) && !role.equals(ControlPlane.ROLE_ADMIN)) {
                checkNotLastAdmin(s, name);
            }
            List<Integer> gids = r.groups() != null ? gids(s, r.groups()) : old.groups();
            UserRecord u =
                    new UserRecord(name, uid, gid, gids, role, old.passwordHash(), old.ntHash(), cp.nextRevision());
            Runnable undo = applyUser(u, old);
            return new Outcome<>(s.withUsers(ControlState.put(s.users(), UserRecord::name, u)), u, undo);
        });
    }

    public void setPassword(String name, String password) {
        cp.mutate(s -> {
            UserRecord old = ControlState.find(s.users(), UserRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("user", name));
            checkPassword(password);
            char[] pw = password.toCharArray();
            String hash = PasswordHasher.DEFAULT.hash(pw);
            Sealed nt = cp.sealer().seal(NtHash.of(pw), ControlPlane.ntPurpose(name));
            Arrays.fill(pw, '\0');
            UserRecord u =
                    new UserRecord(name, old.uid(), old.gid(), old.groups(), old.role(), hash, nt, cp.nextRevision());
            Runnable undo = applyUser(u, old);
            return new Outcome<>(s.withUsers(ControlState.put(s.users(), UserRecord::name, u)), u, undo);
        });
    }

    public void deleteUser(String name) {
        cp.mutate(s -> {
            UserRecord old = ControlState.find(s.users(), UserRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("user", name));
            if (old.role().equals(ControlPlane.ROLE_ADMIN)) {
                checkNotLastAdmin(s, name);
            }
            Runnable undo = applyUser(null, old);
            return new Outcome<>(s.withUsers(ControlState.without(s.users(), UserRecord::name, name)), old, undo);
        });
    }

    public GroupRecord createGroup(Requests.GroupCreate r) {
        return cp.mutate(s -> {
            checkName("name", r.name());
            if (ControlState.find(s.groups(), GroupRecord::name, r.name()).isPresent()) {
                throw ControlException.invalid("name", "group '" + r.name() + "' exists");
            }
            checkGid(s, r.name(), r.gid());
            GroupRecord g = new GroupRecord(r.name(), r.gid(), cp.nextRevision());
            Identities ids = cp.target().identities();
            ids.putGroup(new Group(g.name(), g.gid()));
            return new Outcome<>(
                    s.withGroups(ControlState.put(s.groups(), GroupRecord::name, g)),
                    g,
                    () -> ids.removeGroup(g.name()));
        });
    }

    public GroupRecord updateGroup(String name, Requests.GroupUpdate r, @Nullable Long ifMatch) {
        return cp.mutate(s -> {
            GroupRecord old = ControlState.find(s.groups(), GroupRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("group", name));
            ControlPlane.checkRevision(ifMatch, old.revision(), "group '" + name + "'");
            int gid = r.gid() != null ? r.gid() : old.gid();
            checkGid(s, name, gid);
            if (gid != old.gid() && s.users().stream().anyMatch(u -> u.groups().contains(old.gid()))) {
                throw ControlException.conflict("gid", "group '" + name + "' has members: remove them first");
            }
            GroupRecord g = new GroupRecord(name, gid, cp.nextRevision());
            Identities ids = cp.target().identities();
            ids.putGroup(new Group(name, gid));
            return new Outcome<>(
                    s.withGroups(ControlState.put(s.groups(), GroupRecord::name, g)),
                    g,
                    () -> ids.putGroup(new Group(name, old.gid())));
        });
    }

    public void deleteGroup(String name) {
        cp.mutate(s -> {
            GroupRecord old = ControlState.find(s.groups(), GroupRecord::name, name)
                    .orElseThrow(() -> ControlException.notFound("group", name));
            if (s.users().stream().anyMatch(u -> u.groups().contains(old.gid()))) {
                throw ControlException.conflict(null, "group '" + name + "' has members: remove them first");
            }
            Identities ids = cp.target().identities();
            ids.removeGroup(name);
            return new Outcome<>(
                    s.withGroups(ControlState.without(s.groups(), GroupRecord::name, name)),
                    old,
                    () -> ids.putGroup(new Group(name, old.gid())));
        });
    }

    /** Adds ({@code member}) or removes a user from a group. Idempotent. */
    public void membership(String group, String user, boolean member) {
        cp.mutate(s -> {
            GroupRecord g = ControlState.find(s.groups(), GroupRecord::name, group)
                    .orElseThrow(() -> ControlException.notFound("group", group));
            UserRecord old = ControlState.find(s.users(), UserRecord::name, user)
                    .orElseThrow(() -> ControlException.notFound("user", user));
            List<Integer> gids = new ArrayList<>(old.groups());
            gids.remove(Integer.valueOf(g.gid()));
            if (member) {
                gids.add(g.gid());
            }
            UserRecord u = new UserRecord(
                    user, old.uid(), old.gid(), gids, old.role(), old.passwordHash(), old.ntHash(), cp.nextRevision());
            Runnable undo = applyUser(u, old);
            return new Outcome<>(s.withUsers(ControlState.put(s.users(), UserRecord::name, u)), u, undo);
        });
    }

    /** Puts {@code now} (or removes {@code before}) in the runtime's identities; returns the undo. */
    private Runnable applyUser(@Nullable UserRecord now, @Nullable UserRecord before) {
        Identities ids = cp.target().identities();
        Runnable restore = () -> {
            if (now != null && now.uid() != null) {
                ids.removeUser(now.name());
            }
            if (before != null && before.uid() != null) {
                ids.putUser(cp.identity(before));
            }
        };
        if (before != null && before.uid() != null) {
            ids.removeUser(before.name());
        }
        if (now != null && now.uid() != null) {
            ids.putUser(cp.identity(now));
        }
        return restore;
    }

    private static String role(@Nullable String role) {
        if (role == null) {
            return ControlPlane.ROLE_USER;
        }
        if (!role.equals(ControlPlane.ROLE_ADMIN) && !role.equals(ControlPlane.ROLE_USER)) {
            throw ControlException.invalid("role", "must be admin or user, not '" + role + "'");
        }
        return role;
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw ControlException.invalid("password", "must be at least " + MIN_PASSWORD + " characters");
        }
    }

    private static void checkNotLastAdmin(ControlState s, String name) {
        boolean another = s.users().stream()
                .anyMatch(u -> !u.name().equals(name) && u.role().equals(ControlPlane.ROLE_ADMIN));
        if (!another) {
            throw ControlException.conflict(null, "'" + name + "' is the last admin: make another admin first");
        }
    }

    private static void checkIds(ControlState s, String name, @Nullable Integer uid, @Nullable Integer gid) {
        if (uid == null && gid != null) {
            throw ControlException.invalid("uid", "a user with a gid needs a uid");
        }
        if (uid != null) {
            if (uid < 0) {
                throw ControlException.invalid("uid", "must not be negative");
            }
            s.users().stream()
                    .filter(u -> !u.name().equals(name) && uid.equals(u.uid()))
                    .findFirst()
                    .ifPresent(u -> {
                        throw ControlException.invalid("uid", "uid " + uid + " belongs to user '" + u.name() + "'");
                    });
        }
        if (gid != null && gid < 0) {
            throw ControlException.invalid("gid", "must not be negative");
        }
    }

    private static void checkGid(ControlState s, String name, @Nullable Integer gid) {
        if (gid == null || gid < 0) {
            throw ControlException.invalid("gid", "a non-negative gid is required");
        }
        s.groups().stream()
                .filter(g -> !g.name().equals(name) && g.gid() == gid)
                .findFirst()
                .ifPresent(g -> {
                    throw ControlException.invalid("gid", "gid " + gid + " belongs to group '" + g.name() + "'");
                });
    }

    private static List<Integer> gids(ControlState s, @Nullable List<String> names) {
        List<Integer> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            int index = i;
            GroupRecord g = ControlState.find(s.groups(), GroupRecord::name, n == null ? "" : n)
                    .orElseThrow(() -> ControlException.invalid("groups[" + index + "]", "no group named '" + n + "'"));
            out.add(g.gid());
        }
        return out;
    }
}
