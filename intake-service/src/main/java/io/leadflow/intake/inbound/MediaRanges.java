package io.leadflow.intake.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the best of the types intake can write for an {@code Accept} header, as the {@code mimeparse} best match of
 * LeadConduit does: highest quality first, then the most specific range (type 100, subtype 10, each parameter 1);
 * types that tie keep the order given. A quality of 0 refuses a type.
 */
final class MediaRanges {

    private MediaRanges() {
    }

    /** The best supported type for the header, or empty when the header accepts none of them. */
    static Optional<String> bestMatch(List<String> supported, String acceptHeader) {
        List<MediaRange> ranges = new ArrayList<>();
        for (String part : acceptHeader.split(",")) {
            if (!part.isBlank()) {
                ranges.add(MediaRange.parse(part));
            }
        }
        String best = null;
        double bestQuality = 0;
        int bestFitness = -1;
        for (String type : supported) {
            MediaRange target = MediaRange.parse(type);
            double quality = 0;
            int fitness = -1;
            for (MediaRange range : ranges) {
                int fit = range.fitness(target);
                if (fit > fitness) {
                    fitness = fit;
                    quality = range.quality();
                }
            }
            if (quality > bestQuality || (quality == bestQuality && quality > 0 && fitness > bestFitness)) {
                best = type;
                bestQuality = quality;
                bestFitness = fitness;
            }
        }
        return Optional.ofNullable(best);
    }

    private record MediaRange(String type, String subtype, Map<String, String> parameters, double quality) {

        static MediaRange parse(String text) {
            String[] parts = text.split(";");
            String fullType = parts[0].strip().toLowerCase(Locale.ROOT);
            if (fullType.equals("*")) {
                fullType = "*/*";
            }
            int slash = fullType.indexOf('/');
            String type = slash < 0 ? fullType : fullType.substring(0, slash).strip();
            String subtype = slash < 0 ? "" : fullType.substring(slash + 1).strip();
            Map<String, String> parameters = new LinkedHashMap<>();
            double quality = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                String name = pair[0].strip().toLowerCase(Locale.ROOT);
                String value = pair.length > 1 ? pair[1].strip() : "";
                if (name.equals("q")) {
                    quality = quality(value);
                } else if (!name.isEmpty()) {
                    parameters.put(name, value);
                }
            }
            return new MediaRange(type, subtype, parameters, quality);
        }

        private static double quality(String text) {
            try {
                double quality = Double.parseDouble(text);
                return quality >= 0 && quality <= 1 ? quality : 1;
            } catch (NumberFormatException e) {
                return 1;
            }
        }

        /** How specifically this range matches the type: -1 when it does not match at all. */
        int fitness(MediaRange target) {
            boolean typeMatches = type.equals(target.type) || type.equals("*") || target.type.equals("*");
            boolean subtypeMatches = subtype.equals(target.subtype) || subtype.equals("*") || target.subtype.equals("*");
            if (!typeMatches || !subtypeMatches) {
                return -1;
            }
            int parameterMatches = (int) target.parameters.entrySet().stream()
                    .filter(parameter -> parameter.getValue().equals(parameters.get(parameter.getKey())))
                    .count();
            return (type.equals(target.type) ? 100 : 0) + (subtype.equals(target.subtype) ? 10 : 0) + parameterMatches;
        }
    }
}
