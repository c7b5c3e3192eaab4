package io.leadflow.localstack.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leads the benchmark posts: about 560 bytes of JSON each, 15 fields a lead source typically sends, every one of
 * which the bench flow types ({@code flows/bench.yaml}), ssn included (intake seals it). Names, addresses and
 * campaigns vary; email and phone are unique per lead.
 */
final class LeadBodies {

    static final int FIELD_COUNT = 15;
    /** The bench flow's field types, as the report names them. */
    static final String FIELD_TYPES = "first_name, last_name, email, 2 phone, street, city, state, postal_code, ip,"
            + " dob, gender, url, trustedform_url, ssn (sealed)";

    /** Unique phone numbers per area code: exchanges 200-999 (valid NANP numbers), four-digit line numbers. */
    private static final long NUMBERS_PER_AREA_CODE = 800 * 10_000L;

    private static final List<String> FIRST_NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald",
            "Margaret", "Ken", "Frances", "Dennis", "Radia", "Niklaus", "Katherine");
    private static final List<String> LAST_NAMES = List.of("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov",
            "Knuth", "Hamilton", "Thompson", "Allen", "Ritchie", "Perlman", "Wirth", "Johnson", "Backus");
    private static final List<String> GENDERS = List.of("female", "F", "male", "M", "other");
    private static final List<String> AREA_CODES = List.of("512", "303", "415", "617", "206", "312", "404");
    private static final List<String> STREETS = List.of("Oak Street", "Maple Avenue", "Cedar Lane", "Pine Road",
            "Elm Boulevard", "Willow Way", "Lakeview Drive");
    private static final List<String> CITIES = List.of("Austin|TX|787", "Denver|CO|802", "Oakland|CA|946",
            "Boston|MA|021", "Seattle|WA|981", "Chicago|IL|606", "Atlanta|GA|303");
    private static final List<String> CAMPAIGNS = List.of("solar-quote", "home-insurance", "auto-refinance",
            "mortgage-rates", "health-plans");

    private final AtomicLong sequence;

    /** Leads numbered from {@code firstNumber}: unique email and phone for 56 million leads from there. */
    LeadBodies(long firstNumber) {
        this.sequence = new AtomicLong(firstNumber);
    }

    /** The next lead as UTF-8 JSON; safe to call from several threads at once. */
    byte[] next() {
        return json(sequence.getAndIncrement()).getBytes(StandardCharsets.UTF_8);
    }

    private static String json(long number) {
        String first = pick(FIRST_NAMES, number);
        String last = pick(LAST_NAMES, number / 3);
        String[] city = pick(CITIES, number / 7).split("\\|");
        String campaign = pick(CAMPAIGNS, number / 11);
        long line = number % NUMBERS_PER_AREA_CODE;
        String phone = pick(AREA_CODES, number / NUMBERS_PER_AREA_CODE) + (200 + line / 10_000)
                + zeroPadded(Long.toString(line % 10_000), 4);
        String workPhone = "(" + pick(AREA_CODES, number / 13) + ") 55" + (number % 10) + "-01"
                + zeroPadded(Long.toString(number % 100), 2) + " w";
        return "{\"first_name\":\"" + first + "\""
                + ",\"last_name\":\"" + last + "\""
                + ",\"email\":\"" + first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "." + number
                + "@example.com\""
                + ",\"phone_1\":\"" + phone + "\""
                + ",\"phone_2\":\"" + workPhone + "\""
                + ",\"address_1\":\"" + (100 + number % 9_900) + " " + pick(STREETS, number / 5) + "\""
                + ",\"city\":\"" + city[0] + "\",\"state\":\"" + city[1] + "\""
                + ",\"postal_code\":\"" + city[2] + zeroPadded(Long.toString(number % 100), 2) + "\""
                + ",\"ip_address\":\"203.0.113." + (1 + number % 254) + "\""
                + ",\"dob\":\"" + (1 + number % 12) + "/" + (1 + number % 28) + "/" + (1950 + number % 50) + "\""
                + ",\"gender\":\"" + pick(GENDERS, number / 17) + "\""
                + ",\"landing_page_url\":\"https://offers.example.com/" + campaign + "?utm_source=partner-"
                + (number % 40) + "&utm_medium=cpc&utm_campaign=" + campaign + "\""
                + ",\"trustedform_cert_url\":\"https://cert.trustedform.com/"
                + zeroPadded(Long.toHexString(number), 40) + "\""
                + ",\"ssn\":\"" + (100 + number % 565) + "-" + zeroPadded(Long.toString(1 + number % 99), 2) + "-"
                + zeroPadded(Long.toString(number % 10_000), 4) + "\"}";
    }

    private static String pick(List<String> values, long number) {
        return values.get((int) (number % values.size()));
    }

    // String.format would cost more than the rest of the body on the load generator's event loop.
    private static String zeroPadded(String digits, int width) {
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
