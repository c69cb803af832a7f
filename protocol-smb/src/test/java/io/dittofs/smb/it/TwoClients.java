package io.dittofs.smb.it;

import io.dittofs.smb.SmbTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A test server for the class and two smbj clients per test, A and B, each its own ClientGuid. */
abstract class TwoClients {
    static SmbTestServer server;
    SmbjClient a;
    SmbjClient b;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        a = new SmbjClient(server);
        b = new SmbjClient(server);
    }

    @AfterEach
    void disconnect() throws Exception {
        a.close();
        b.close();
    }
}
