package io.dittofs.nfs.nlm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NlmHosts} kept in a small text file (what statd keeps in its {@code sm} directory), so
 * that hosts holding locks are told to reclaim after a process restart. One line per host:
 * caller name, host address, server address, tab-separated. The file is rewritten atomically on
 * every change; changes are rare (a host's first lock, its reboot).
 *
 * <p>Threading: every method synchronizes on this object.
 */
public final class FileNlmHosts implements NlmHosts {
    private final Path file;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    /** Opens (or starts) the record in {@code file}; unreadable lines are skipped. */
    public FileNlmHosts(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length == 3 && isAddress(f[1]) && isAddress(f[2])) {
                        hosts.put(f[0], new Host(f[0], InetAddress.ofLiteral(f[1]), InetAddress.ofLiteral(f[2])));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read NLM hosts from " + file, e);
            }
        }
    }

    private static boolean isAddress(String s) {
        try {
            InetAddress.ofLiteral(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public synchronized void monitor(Host host) {
        if (!host.equals(hosts.put(host.callerName(), host))) {
            save();
        }
    }

    @Override
    public synchronized void forget(String callerName) {
        if (hosts.remove(callerName) != null) {
            save();
        }
    }

    @Override
    public synchronized List<Host> all() {
        return List.copyOf(hosts.values());
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        for (Host h : hosts.values()) {
            if (h.callerName().indexOf('\t') < 0 && h.callerName().indexOf('\n') < 0) {
                lines.add(h.callerName() + "\t" + h.address().getHostAddress() + "\t"
                        + h.serverAddress().getHostAddress());
            }
        }
        io.dittofs.nfs.StateFiles.writeAtomically(file, lines, "NLM hosts");
    }
}
