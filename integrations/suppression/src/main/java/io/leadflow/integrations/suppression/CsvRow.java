package io.leadflow.integrations.suppression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One CSV row (comma separated, {@code "…"} quoting with {@code ""} for a quote); empty when the quoting is bad. */
public final class CsvRow {

    private CsvRow() {
    }

    /** The row's fields, trimmed; empty when a quote is not closed or a closing quote is followed by text. */
    public static Optional<List<String>> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (!closed || (i < line.length() && line.charAt(i) != ',')) {
                    return Optional.empty();
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        return Optional.empty();
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString().trim());
            field.setLength(0);
            if (i >= line.length()) {
                return Optional.of(fields);
            }
            i++;
        }
    }
}
