package io.dittofs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of the last {@code dfsctl login}, in {@code <config dir>/dfsctl/credentials.json}
 * with mode 0600. The config dir is {@code $DFSCTL_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME},
 * else {@code ~/.config}.
 */
record Credentials(String server, String user, String accessToken, String refreshToken) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Map<String, String> env) {
        String dir = env.get("DFSCTL_CONFIG_DIR");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir).resolve("credentials.json");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("dfsctl").resolve("credentials.json");
    }

    static @Nullable Credentials load(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Credentials.class);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.AUTH, "cannot read " + file + " (" + e.getMessage() + "): run dfsctl login");
        }
    }

    void save(Path file) {
        try {
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, JSON.writeValueAsBytes(this));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot save the token to " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Credentials[" + user + "@" + server + "]";
    }
}
