package io.dittofs.nfs.portmap;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.v3.NullHandler;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A built-in portmapper (RFC 1833): version 2 (PMAPPROC_GETPORT, DUMP) and rpcbind versions 3 and
 * 4 (RPCBPROC_GETADDR, DUMP, GETTIME, and version 4's GETVERSADDR), answering for this adapter's
 * programs only, and for itself (versions 2 to 4 at the port the client reached it on; it answers
 * over TCP and UDP). SET and UNSET answer FALSE: nothing else registers here. The services are
 * TCP only: a GETPORT for them over UDP answers 0 ("not registered").
 *
 * <pre>
 * struct mapping { unsigned int prog; unsigned int vers; unsigned int prot; unsigned int port; };
 * struct rpcb { rpcprog r_prog; rpcvers r_vers; string r_netid&lt;&gt;; string r_addr&lt;&gt;; string r_owner&lt;&gt;; };
 * </pre>
 *
 * <p>Threading: immutable.
 */
public final class PortmapProgram implements RpcProgram {
    private static final int MAX_STRING = 1024;

    private final List<Registration> registrations;

    public PortmapProgram(List<Registration> registrations) {
        this.registrations = List.copyOf(registrations);
    }

    /** The registrations, with the portmapper's own at the port {@code ctx} reached. */
    private List<Registration> registrations(RpcCallContext ctx) {
        List<Registration> all = new java.util.ArrayList<>(registrations);
        for (int v = 2; v <= 4; v++) {
            all.add(new Registration(Rpcbind.PROGRAM, v, ctx.server().getPort(), "portmapper"));
        }
        return all;
    }

    @Override
    public int program() {
        return Rpcbind.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return 2;
    }

    @Override
    public int highVersion() {
        return 4;
    }

    @Override
    public boolean authenticated() {
        return false;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        if (procedure == 0) {
            return NullHandler.INSTANCE;
        }
        if (procedure == Rpcbind.PMAPPROC_SET || procedure == Rpcbind.PMAPPROC_UNSET) {
            return (ctx, args, out) -> out.writeBoolean(false);
        }
        if (version == 2) {
            return switch (procedure) {
                case Rpcbind.PMAPPROC_GETPORT -> this::getPort;
                case Rpcbind.PMAPPROC_DUMP -> this::dumpV2;
                default -> null;
            };
        }
        return switch (procedure) {
            case Rpcbind.RPCBPROC_GETADDR -> (ctx, args, out) -> getAddr(ctx, args, out, false);
            case Rpcbind.RPCBPROC_DUMP -> this::dumpV3;
            case Rpcbind.RPCBPROC_GETTIME ->
                (ctx, args, out) -> out.writeUnsignedInt(System.currentTimeMillis() / 1000);
            case Rpcbind.RPCBPROC_GETVERSADDR ->
                version == 4 ? (ctx, args, out) -> getAddr(ctx, args, out, true) : null;
            default -> null;
        };
    }

    /** PMAPPROC_GETPORT: the port of (prog, vers, prot), or 0. */
    private void getPort(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        int prog = args.readInt();
        int vers = args.readInt();
        int prot = args.readInt();
        args.readInt(); // port: ignored
        int port = 0;
        if (prot == Rpcbind.IPPROTO_UDP && prog == Rpcbind.PROGRAM && vers >= 2 && vers <= 4) {
            port = ctx.server().getPort(); // the portmapper itself also answers over UDP
        } else if (prot == Rpcbind.IPPROTO_TCP) {
            for (Registration r : registrations(ctx)) {
                if (r.program() == prog && r.version() == vers) {
                    port = r.port();
                    break;
                }
            }
        }
        out.writeInt(port);
    }

    private void dumpV2(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        for (Registration r : registrations(ctx)) {
            out.writeBoolean(true).writeInt(r.program()).writeInt(r.version());
            out.writeInt(Rpcbind.IPPROTO_TCP).writeInt(r.port());
        }
        out.writeBoolean(false);
    }

    /**
     * RPCBPROC_GETADDR: the universal address of (prog, vers) on the netid asked for ("" when
     * not served). Section 2.2.1: version 3 "returns the address ... of the service" for any
     * version when the exact one is missing; GETVERSADDR wants the exact version.
     */
    private void getAddr(RpcCallContext ctx, XdrReader args, XdrWriter out, boolean exactVersion) {
        int prog = args.readInt();
        int vers = args.readInt();
        String netid = args.readString(MAX_STRING);
        args.readString(MAX_STRING); // r_addr
        args.readString(MAX_STRING); // r_owner
        String ours = Registration.netid(ctx.server());
        Registration match = null;
        if (netid.isEmpty() || netid.equals(ours)) {
            for (Registration r : registrations(ctx)) {
                if (r.program() == prog && r.version() == vers) {
                    match = r;
                    break;
                }
                if (!exactVersion && r.program() == prog && match == null) {
                    match = r;
                }
            }
        }
        out.writeString(match == null ? "" : match.universalAddress(host(ctx)));
    }

    private void dumpV3(RpcCallContext ctx, XdrReader args, XdrWriter out) {
        String netid = Registration.netid(ctx.server());
        for (Registration r : registrations(ctx)) {
            out.writeBoolean(true).writeInt(r.program()).writeInt(r.version());
            out.writeString(netid).writeString(r.universalAddress(host(ctx))).writeString(r.owner());
        }
        out.writeBoolean(false);
    }

    /** The address the client reached us on: the one it can reach the other services on. */
    private static InetAddress host(RpcCallContext ctx) {
        return ctx.server().getAddress();
    }
}
