package io.dittofs.bench.driver;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SMB 3.x through smbj, an independent client: one {@link SMBClient} per connection (smbj would
 * otherwise share one TCP connection per server), one session, one tree. smbj sends requests from
 * several threads on one connection without waiting for each other (credits permitting), so the
 * workers sharing a connection keep several in flight.
 *
 * <p>URL parameters: {@code domain} (default WORKGROUP), {@code sign=true} to require signing.
 */
final class Smb3Connection implements FsConnection {
    private static final EnumSet<AccessMask> READ_WRITE = EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE);

    private final SMBClient client;
    private final Session session;
    private final DiskShare share;

    private Smb3Connection(SMBClient client, Session session, DiskShare share) {
        this.client = client;
        this.session = session;
        this.share = share;
    }

    static Smb3Connection connect(Target t) throws IOException {
        SMBClient client = new SMBClient(SmbConfig.builder()
                .withDialects(SMB2Dialect.SMB_3_1_1, SMB2Dialect.SMB_3_0_2, SMB2Dialect.SMB_3_0)
                .withSigningRequired(Boolean.parseBoolean(t.params().getOrDefault("sign", "false")))
                .withTimeout(60, TimeUnit.SECONDS)
                .withSoTimeout(120, TimeUnit.SECONDS)
                .build());
        try {
            Connection c = client.connect(t.host(), t.port());
            Session s = c.authenticate(new AuthenticationContext(
                    t.user() == null ? "" : t.user(),
                    (t.password() == null ? "" : t.password()).toCharArray(),
                    t.params().getOrDefault("domain", "WORKGROUP")));
            return new Smb3Connection(client, s, (DiskShare) s.connectShare(t.share()));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static String smb(String path) {
        return path.replace('/', '\\');
    }

    @Override
    public void mkdir(String path) throws IOException {
        try {
            share.mkdir(smb(path));
        } catch (SMBApiException e) {
            if (e.getStatus() != NtStatus.STATUS_OBJECT_NAME_COLLISION) {
                throw e;
            }
        }
    }

    private OpenFile open(String path, SMB2CreateDisposition disposition) {
        File f = share.openFile(
                smb(path),
                READ_WRITE,
                EnumSet.of(FileAttributes.FILE_ATTRIBUTE_NORMAL),
                SMB2ShareAccess.ALL,
                disposition,
                null);
        return new OpenFile() {
            @Override
            public void write(long offset, byte[] data) throws IOException {
                long n = f.write(data, offset);
                if (n != data.length) {
                    throw new IOException("WRITE " + path + ": short write " + n + " of " + data.length);
                }
            }

            @Override
            public int read(long offset, byte[] into) {
                return Math.max(0, f.read(into, offset));
            }

            @Override
            public void sync() {
                f.flush();
            }

            @Override
            public void close() {
                f.close();
            }
        };
    }

    @Override
    public OpenFile create(String path) {
        return open(path, SMB2CreateDisposition.FILE_OVERWRITE_IF);
    }

    @Override
    public OpenFile open(String path) {
        return open(path, SMB2CreateDisposition.FILE_OPEN);
    }

    @Override
    public void remove(String path) {
        share.rm(smb(path));
    }

    @Override
    public void rmdir(String path) {
        share.rmdir(smb(path), false);
    }

    @Override
    public void rename(String from, String to) {
        try (File f = share.openFile(
                smb(from),
                EnumSet.of(AccessMask.DELETE, AccessMask.FILE_READ_ATTRIBUTES),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN,
                null)) {
            f.rename(smb(to), false);
        }
    }

    @Override
    public long size(String path) {
        return share.getFileInformation(smb(path)).getStandardInformation().getEndOfFile();
    }

    @Override
    public List<String> list(String dir) {
        return share.list(smb(dir)).stream()
                .map(e -> e.getFileName())
                .filter(n -> !n.equals(".") && !n.equals(".."))
                .toList();
    }

    @Override
    public void close() throws IOException {
        try {
            share.close();
            session.close();
        } finally {
            client.close();
        }
    }
}
