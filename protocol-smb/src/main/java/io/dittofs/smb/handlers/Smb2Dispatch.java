package io.dittofs.smb.handlers;

import io.dittofs.smb.server.Route;
import io.dittofs.smb.wire.Smb2Command;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dispatch table: for each command its handler, and whether a valid session and a tree
 * connect must be resolved first (MS-SMB2 3.3.5.2.9 and 3.3.5.2.11). Commands without a row
 * are answered STATUS_NOT_SUPPORTED; CANCEL never reaches a handler.
 */
public final class Smb2Dispatch {
    private Smb2Dispatch() {}

    public static Map<Smb2Command, Route> table() {
        Map<Smb2Command, Route> t = new EnumMap<>(Smb2Command.class);
        t.put(Smb2Command.NEGOTIATE, new Route(new Smb2NegotiateHandler(), false, false));
        t.put(Smb2Command.SESSION_SETUP, new Route(new Smb2SessionSetupHandler(), false, false));
        t.put(Smb2Command.LOGOFF, new Route(new Smb2LogoffHandler(), true, false));
        t.put(Smb2Command.TREE_CONNECT, new Route(new Smb2TreeConnectHandler(), true, false));
        t.put(Smb2Command.TREE_DISCONNECT, new Route(new Smb2TreeDisconnectHandler(), true, true));
        t.put(Smb2Command.CREATE, new Route(new Smb2CreateHandler(), true, true));
        t.put(Smb2Command.CLOSE, new Route(new Smb2CloseHandler(), true, true));
        t.put(Smb2Command.FLUSH, new Route(new Smb2FlushHandler(), true, true));
        t.put(Smb2Command.READ, new Route(new Smb2ReadHandler(), true, true));
        t.put(Smb2Command.WRITE, new Route(new Smb2WriteHandler(), true, true));
        t.put(Smb2Command.LOCK, new Route(new Smb2LockHandler(), true, true));
        t.put(Smb2Command.IOCTL, new Route(new Smb2IoctlHandler(), true, true));
        t.put(Smb2Command.ECHO, new Route(new Smb2EchoHandler(), false, false));
        t.put(Smb2Command.QUERY_DIRECTORY, new Route(new Smb2QueryDirectoryHandler(), true, true));
        t.put(Smb2Command.QUERY_INFO, new Route(new Smb2QueryInfoHandler(), true, true));
        t.put(Smb2Command.SET_INFO, new Route(new Smb2SetInfoHandler(), true, true));
        t.put(Smb2Command.CHANGE_NOTIFY, new Route(new Smb2ChangeNotifyHandler(), true, true));
        // A lease acknowledgment names no tree (MS-SMB2 3.3.5.22.2); an oplock one is checked by its FileId.
        t.put(Smb2Command.OPLOCK_BREAK, new Route(new Smb2OplockBreakHandler(), true, false));
        return t;
    }
}
