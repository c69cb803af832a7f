package io.dittofs.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dittofs.server.control.ControlException;
import java.io.IOException;
import java.util.stream.Collectors;

/** JSON in and out. Bodies are read strictly: unknown fields, wrong types and trailing data are 400s. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {}

    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ControlException.invalid("body", "a JSON object is required");
        }
        try {
            T v = MAPPER.readValue(body, type);
            if (v == null) {
                throw ControlException.invalid("body", "a JSON object is required");
            }
            return v;
        } catch (UnrecognizedPropertyException e) {
            throw ControlException.invalid(path(e), "unknown field");
        } catch (InvalidFormatException e) {
            throw ControlException.invalid(path(e), "wrong type: expected " + simple(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String reason =
                    e.getTargetType() == null ? "wrong type" : "wrong type: expected " + simple(e.getTargetType());
            throw ControlException.invalid(field.isEmpty() ? "body" : field, reason);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ControlException refused) {
                throw refused; // a record refused a missing or null field
            }
            throw ControlException.invalid(path(e).isEmpty() ? "body" : path(e), "invalid value");
        } catch (JsonProcessingException e) {
            throw ControlException.invalid("body", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ControlException.invalid("body", "unreadable: " + e.getMessage());
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String simple(Class<?> t) {
        if (t == String.class) {
            return "a string";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (java.util.List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "an object";
        }
        return t.getSimpleName();
    }
}
