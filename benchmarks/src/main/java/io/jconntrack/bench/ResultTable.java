package io.jconntrack.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The rows of a run, printed as a Markdown table so that docs/benchmarks.md can quote it as is. */
final class ResultTable {
    private final List<Row> rows = new ArrayList<>();

    Row add(Row r) {
        rows.add(r);
        return r;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    Row find(String operationPrefix) {
        for (Row r : rows) {
            if (r.operation().startsWith(operationPrefix)) {
                return r;
            }
        }
        return null;
    }

    void print(PrintStream out) {
        out.println("| # | operation | N | ours (s) | CLI (s) | ours / CLI | ours entries/s | CLI command / note |");
        out.println("|---|---|---:|---:|---:|---:|---:|---|");
        List<Row> sorted = new ArrayList<>(rows);
        // In the order of the list, not of the run (which reads before it deletes).
        sorted.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.operation().split(" ", 2)[0])));
        for (Row r : sorted) {
            String[] op = r.operation().split(" ", 2);
            out.printf("| %s | %s | %,d | %s | %s | %s | %s | %s |%n", op[0], op.length > 1 ? op[1] : "",
                    r.entries(), seconds(r.ours()), seconds(r.cli()), ratio(r.ratio()), rate(r.entriesPerSecond()),
                    r.note() == null ? "" : r.note().replace("|", "\\|")); // a pipe would split the cell
        }
    }

    private static String seconds(Double s) {
        return s == null ? "—" : String.format("%.3f", s);
    }

    private static String ratio(Double r) {
        return r == null ? "—" : String.format("%.2f", r);
    }

    private static String rate(Double r) {
        return r == null ? "—" : String.format("%,.0f", r);
    }
}
