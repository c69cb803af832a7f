package io.dittofs.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as a text table, a Markdown table or JSON. With two or more targets every row
 * carries the ratio of its operations per second to the first target's in the same cell.
 */
public final class Report {
    private Report() {}

    private static final String[] HEADER = {
        "workload", "clients", "target", "ops/s", "MB/s", "p50 ms", "p99 ms", "p99.9 ms", "ratio"
    };

    private static List<String[]> rows(List<Result> results) {
        Map<String, Double> firsts = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (Result r : results) {
            String cell = r.workload() + "/" + r.clients();
            firsts.putIfAbsent(cell, r.opsPerSecond());
            double base = firsts.get(cell);
            boolean data = Workloads.ALL.stream().anyMatch(w -> w.name().equals(r.workload()) && w.movesData());
            rows.add(new String[] {
                r.workload(),
                Integer.toString(r.clients()),
                r.target(),
                fmt("%.0f", r.opsPerSecond()),
                data ? fmt("%.1f", r.megabytesPerSecond()) : "",
                fmt("%.2f", r.p50Millis()),
                fmt("%.2f", r.p99Millis()),
                fmt("%.2f", r.p999Millis()),
                base > 0 ? fmt("%.2f", r.opsPerSecond() / base) : "-"
            });
        }
        return rows;
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    public static String table(List<Result> results) {
        List<String[]> rows = rows(results);
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADER, width);
        String previous = null;
        for (String[] r : rows) {
            String cell = r[0] + "/" + r[1];
            if (previous != null && !previous.equals(cell)) {
                out.append('\n');
            }
            previous = cell;
            line(out, r, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            // text left, numbers right
            String pad = " ".repeat(width[i] - c.length());
            out.append(i < 3 ? c + pad : pad + c).append(i + 1 < cells.length ? "  " : "\n");
        }
    }

    public static String markdown(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (String[] r : rows(results)) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return out.toString();
    }

    /** JSON: the settings, then one object per result with the derived figures. */
    public static String json(Map<String, Object> run, List<Result> results) {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, Double> firsts = new LinkedHashMap<>();
        for (Result r : results) {
            String cell = r.workload() + "/" + r.clients();
            firsts.putIfAbsent(cell, r.opsPerSecond());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", r.workload());
            m.put("clients", r.clients());
            m.put("target", r.target());
            m.put("ops", r.ops());
            m.put("allOps", r.allOps());
            m.put("bytes", r.bytes());
            m.put("seconds", r.seconds());
            m.put("opsPerSecond", r.opsPerSecond());
            m.put("megabytesPerSecond", r.megabytesPerSecond());
            m.put("p50Millis", r.p50Millis());
            m.put("p99Millis", r.p99Millis());
            m.put("p999Millis", r.p999Millis());
            m.put("meanMillis", r.meanMillis());
            double base = firsts.get(cell);
            m.put("ratioToFirst", base > 0 ? r.opsPerSecond() / base : null);
            list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>(run);
        doc.put("results", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
