package io.dittofs.server.cli;

import io.dittofs.server.Daemon;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigLoader;
import io.dittofs.server.config.DittoConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dittofs start}: runs the server until SIGTERM or Ctrl-C. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the server and runs until SIGTERM or Ctrl-C, then stops gracefully.",
            "%nWithout --config it runs the embedded default: one share named 'export', kept under --data-dir,"
                    + " served over NFS and SMB.",
            "%nUnset ports are the standard ones (NFS 2049, SMB 445, REST API 8080) when the process may bind"
                    + " them, otherwise 12049, 12445 and 18080. Options given here override the config file.",
            "%nThe config seeds the control plane on the first start; then dfsctl and the REST API manage users,"
                    + " stores, shares and adapters (docs/control-plane.md). The first admin's password is"
                    + " $DITTOFS_ADMIN_PASSWORD, or one printed once.%n"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:failed while running", "2:bad usage", "78:configuration error"})
public final class StartCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(StartCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see docs/configuration.md).")
    @Nullable
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: ./dittofs-data).")
    @Nullable
    Path dataDir;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: 0.0.0.0).")
    @Nullable
    String bind;

    @Option(names = "--nfs-port", paramLabel = "PORT", description = "NFS (and MOUNT) port.")
    @Nullable
    Integer nfsPort;

    @Option(names = "--smb-port", paramLabel = "PORT", description = "SMB port.")
    @Nullable
    Integer smbPort;

    @Option(names = "--api-port", paramLabel = "PORT", description = "REST API port (0 disables it).")
    @Nullable
    Integer apiPort;

    @Override
    public Integer call() {
        Daemon daemon;
        try {
            DittoConfig base = config == null ? EmbeddedDefault.config(dataDir) : ConfigLoader.load(config);
            DittoConfig effective = EmbeddedDefault.withOverrides(base, dataDir, bind, nfsPort, smbPort, apiPort);
            log.info("starting dittofs ({})", config == null ? "embedded default" : "config " + config);
            daemon = Daemon.start(effective);
        } catch (ConfigException e) {
            for (String p : e.problems()) {
                log.error("config error: {}", p);
            }
            return ExitCodes.CONFIG;
        } catch (Exception e) {
            log.error("failed to start: {}", e.toString(), e);
            return ExitCodes.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                    log.info("stopping");
                    daemon.close();
                    stopped.countDown();
                }));
        log.info("dittofs is running; stop with Ctrl-C or SIGTERM");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
