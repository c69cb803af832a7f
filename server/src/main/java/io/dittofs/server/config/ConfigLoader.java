package io.dittofs.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a {@link DittoConfig} from YAML, refusing unknown keys and wrong types with the key's path. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ConfigLoader() {}

    public static DittoConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "no such file: " + file);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    public static DittoConfig parse(String yaml) throws ConfigException {
        if (yaml.isBlank()) {
            return new DittoConfig(null, null, null, null, null, null, null);
        }
        try {
            return YAML.readValue(yaml, DittoConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new ConfigException(path(e), "unknown key (known keys here: " + known + ")");
        } catch (InvalidFormatException e) {
            throw new ConfigException(
                    path(e),
                    "'" + e.getValue() + "' is not a valid " + e.getTargetType().getSimpleName() + where(e));
        } catch (MismatchedInputException e) {
            String type =
                    e.getTargetType() == null ? "value" : e.getTargetType().getSimpleName();
            throw new ConfigException(path(e), "expected a " + type + where(e));
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e), e.getOriginalMessage() + where(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getOriginalMessage() + where(e));
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** The path of the failing key, like {@code shares[0].squash}. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "(top level)" : b.toString();
    }
}
