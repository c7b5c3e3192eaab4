package io.leadflow.flow.rules;

import io.leadflow.integration.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mapping templates: {@code {{lead.phone_1}}}, {@code {{appended.phone_check.line_type}}}. A template that is one
 * placeholder gives the value itself (a typed field stays typed, so an integration sends its normal form); text
 * around placeholders gives text, each placeholder replaced by its value's text (nothing for a missing value).
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");
    private static final List<String> ROOTS = List.of("lead", "appended", "source", "flow", "submission");

    private Templates() {
    }

    public static Object render(String template, LeadView view) {
        if (template == null || !template.contains("{{")) {
            return template;
        }
        Matcher whole = PLACEHOLDER.matcher(template.trim());
        if (whole.matches()) {
            return view.resolve(whole.group(1));
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(text, Matcher.quoteReplacement(text(view.resolve(matcher.group(1)))));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    /** The paths a template reads. */
    public static List<String> paths(String template) {
        List<String> paths = new ArrayList<>();
        if (template != null) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            while (matcher.find()) {
                paths.add(matcher.group(1));
            }
        }
        return paths;
    }

    /** Whether a path starts at something a lead view can resolve: lead, appended, source, flow or submission. */
    public static boolean isReadablePath(String path) {
        int dot = path.indexOf('.');
        return dot > 0 && dot < path.length() - 1 && ROOTS.contains(path.substring(0, dot));
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof TypedValue typed) {
            return typed.toString();
        }
        if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
            return Long.toString(number.longValue());
        }
        return value.toString();
    }
}
