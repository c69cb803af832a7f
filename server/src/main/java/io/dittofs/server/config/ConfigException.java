package io.dittofs.server.config;

import java.util.List;

/** A configuration that cannot run: each problem names its key and says what is wrong. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String key, String reason) {
        this(List.of(key + ": " + reason));
    }

    /** One line per problem, {@code key: reason}. */
    public List<String> problems() {
        return problems;
    }
}
