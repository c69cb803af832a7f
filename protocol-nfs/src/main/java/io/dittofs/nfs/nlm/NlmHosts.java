package io.dittofs.nfs.nlm;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client hosts holding NLM locks: what a status monitor (statd) keeps so that, after a
 * restart, it can tell each of them to reclaim its locks (SM_NOTIFY). The adapter records hosts;
 * where they are kept is the composition root's choice: {@link #inMemory()} survives adapter
 * restarts within one process, a persistent implementation survives process restarts.
 *
 * <p>Threading: implementations are called from many request threads at once.
 */
public interface NlmHosts {

    /**
     * A client host.
     *
     * @param callerName the name it gives in nlm4_lock (what SM_NOTIFY and FREE_ALL name)
     * @param address where it called from (its status monitor is found through its portmapper there)
     * @param serverAddress the address it reached this server on (how it knows the server)
     */
    record Host(String callerName, InetAddress address, InetAddress serverAddress) {}

    /** Records a host that took a monitored lock. */
    void monitor(Host host);

    /** Forgets a host (it rebooted and dropped its locks). */
    void forget(String callerName);

    /** Every recorded host. */
    List<Host> all();

    /** Hosts kept in memory. */
    static NlmHosts inMemory() {
        Map<String, Host> hosts = new ConcurrentHashMap<>();
        return new NlmHosts() {
            @Override
            public void monitor(Host host) {
                hosts.put(host.callerName(), host);
            }

            @Override
            public void forget(String callerName) {
                hosts.remove(callerName);
            }

            @Override
            public List<Host> all() {
                return List.copyOf(hosts.values());
            }
        };
    }
}
