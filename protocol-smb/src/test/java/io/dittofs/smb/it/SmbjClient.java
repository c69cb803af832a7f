package io.dittofs.smb.it;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.dittofs.smb.SmbTestServer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One smbj client (its own ClientGuid, connection and session) on the test server's share, so a
 * test can play two clients against each other.
 */
final class SmbjClient implements AutoCloseable {
    final SMBClient client;
    final Connection connection;
    final Session session;
    final DiskShare share;

    SmbjClient(SmbTestServer server) throws IOException {
        this(
                server,
                SmbConfig.builder()
                        .withDialects(SMB2Dialect.SMB_3_1_1)
                        .withSigningRequired(true)
                        .withTimeout(20, TimeUnit.SECONDS)
                        .build());
    }

    SmbjClient(SmbTestServer server, SmbConfig config) throws IOException {
        client = new SMBClient(config);
        connection = client.connect("127.0.0.1", server.port());
        session = connection.authenticate(
                new AuthenticationContext(SmbTestServer.USER, SmbTestServer.PASSWORD.toCharArray(), "WORKGROUP"));
        share = (DiskShare) session.connectShare(SmbTestServer.SHARE);
    }

    @Override
    public void close() throws Exception {
        share.close();
        session.close();
        connection.close();
        client.close();
    }
}
