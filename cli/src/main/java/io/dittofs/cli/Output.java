package io.dittofs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Prints what the server answered: a table (the default), JSON or YAML. */
final class Output {
    private static final YAMLMapper YAML =
            new YAMLMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /** A column: its heading and the field it shows. */
    record Column(String heading, String field) {}

    private Output() {}

    static void print(PrintWriter out, String format, JsonNode value, List<Column> columns) {
        switch (format) {
            case "json" -> out.println(json(value));
            case "yaml" -> out.print(yaml(value));
            case "table" -> {
                if (value.isArray()) {
                    table(out, value, columns);
                } else {
                    details(out, value);
                }
            }
            default ->
                throw new CliException(ExitCodes.USAGE, "unknown output format '" + format + "': table, json or yaml");
        }
        out.flush();
    }

    private static String json(JsonNode v) {
        try {
            return ApiClient.JSON
                    .copy()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String yaml(JsonNode v) {
        try {
            return YAML.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void table(PrintWriter out, JsonNode rows, List<Column> columns) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::heading).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(c -> cell(row.path(c.field()))).toArray(String[]::new));
        }
        int[] width = new int[columns.size()];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                b.append(i == l.length - 1 ? l[i] : String.format("%-" + (width[i] + 2) + "s", l[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static void details(PrintWriter out, JsonNode obj) {
        int w = 0;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            w = Math.max(w, it.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.println(String.format("%-" + (w + 2) + "s", e.getKey() + ":") + cell(e.getValue()));
        }
    }

    static String cell(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "-";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.isObject() ? compact(x) : cell(x)));
            return parts.isEmpty() ? "-" : String.join(",", parts);
        }
        if (v.isObject()) {
            return v.isEmpty() ? "-" : compact(v);
        }
        return v.asText();
    }

    private static String compact(JsonNode o) {
        List<String> parts = new ArrayList<>();
        o.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                parts.add(e.getKey() + "=" + cell(e.getValue()));
            }
        });
        return String.join(" ", parts);
    }
}
