package io.dittofs.nfs.nlm;

import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.v3.NullHandler;
import org.jspecify.annotations.Nullable;

/**
 * NSM version 1 (XNFS chapter 11), program 100024, as far as a server's lock manager needs it:
 * SM_NOTIFY from a rebooted client's status monitor drops that client's locks; SM_STAT, SM_MON,
 * SM_UNMON and SM_UNMON_ALL answer success with this server's state number. The hosts this
 * server notifies after its own restart are the ones NLM recorded in {@link NlmHosts}, not an
 * SM_MON list.
 *
 * <pre>
 * struct sm_name { string mon_name&lt;SM_MAXSTRLEN&gt;; };
 * struct sm_stat_res { sm_res res_stat; int state; };          // SM_STAT, SM_MON
 * struct sm_stat { int state; };                                // SM_UNMON, SM_UNMON_ALL
 * struct stat_chge { string mon_name&lt;SM_MAXSTRLEN&gt;; int state; }; // SM_NOTIFY, void result
 * </pre>
 */
public final class NsmProgram implements RpcProgram {
    private static final int STAT_SUCC = 0;

    private final NlmLocks locks;
    private final NlmHosts hosts;
    private final int state;

    /** @param state this server's NSM state number: odd while up, grows with every start */
    public NsmProgram(NlmLocks locks, NlmHosts hosts, int state) {
        this.locks = locks;
        this.hosts = hosts;
        this.state = state | 1;
    }

    @Override
    public int program() {
        return Nlm4.NSM_PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Nlm4.NSM_VERSION;
    }

    @Override
    public int highVersion() {
        return Nlm4.NSM_VERSION;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case 0 -> NullHandler.INSTANCE;
            case Nlm4.SM_STAT ->
                (ctx, in, out) -> {
                    in.readString(Nlm4.SM_MAXSTRLEN);
                    out.writeInt(STAT_SUCC).writeInt(state);
                };
            case Nlm4.SM_MON ->
                (ctx, in, out) -> {
                    // mon { mon_id { sm_name; my_id { my_name; my_prog; my_vers; my_proc } }; opaque priv[16] }
                    in.readString(Nlm4.SM_MAXSTRLEN);
                    in.readString(Nlm4.SM_MAXSTRLEN);
                    in.readInt();
                    in.readInt();
                    in.readInt();
                    in.readFixedOpaque(16);
                    out.writeInt(STAT_SUCC).writeInt(state);
                };
            case Nlm4.SM_UNMON ->
                (ctx, in, out) -> {
                    in.readString(Nlm4.SM_MAXSTRLEN);
                    in.readString(Nlm4.SM_MAXSTRLEN);
                    in.readInt();
                    in.readInt();
                    in.readInt();
                    out.writeInt(state);
                };
            case Nlm4.SM_UNMON_ALL ->
                (ctx, in, out) -> {
                    in.readString(Nlm4.SM_MAXSTRLEN);
                    in.readInt();
                    in.readInt();
                    in.readInt();
                    out.writeInt(state);
                };
            case Nlm4.SM_SIMU_CRASH -> (ctx, in, out) -> {};
            case Nlm4.SM_NOTIFY ->
                (ctx, in, out) -> {
                    String host = in.readString(Nlm4.SM_MAXSTRLEN);
                    in.readInt();
                    locks.releaseHost(host);
                };
            default -> null;
        };
    }
}
