package io.dittofs.nfs.client;

import io.dittofs.nfs.portmap.Rpcbind;
import io.dittofs.nfs.rpc.OpaqueAuth;

/** Portmapper v2 and rpcbind v3/v4 lookups (RFC 1833) over an {@link RpcClient}. */
public final class PortmapClient {
    private final RpcClient rpc;

    public PortmapClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** PMAPPROC_GETPORT over TCP: the port, or 0 when not registered. */
    public int getPort(int program, int version) {
        return rpc.call(
                Rpcbind.PROGRAM,
                2,
                Rpcbind.PMAPPROC_GETPORT,
                OpaqueAuth.NONE,
                out -> out.writeInt(program)
                        .writeInt(version)
                        .writeInt(Rpcbind.IPPROTO_TCP)
                        .writeInt(0),
                in -> in.readInt());
    }

    /** RPCBPROC_GETADDR (version 3 or 4): the universal address, or "" when not registered. */
    public String getAddr(int rpcbVersion, int program, int version, String netid) {
        return rpc.call(
                Rpcbind.PROGRAM,
                rpcbVersion,
                Rpcbind.RPCBPROC_GETADDR,
                OpaqueAuth.NONE,
                out -> out.writeInt(program)
                        .writeInt(version)
                        .writeString(netid)
                        .writeString("")
                        .writeString(""),
                in -> in.readString(1024));
    }
}
