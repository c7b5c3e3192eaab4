package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Date of birth: a {@code date} plus {@code year} and {@code age} in years, rounded down to one decimal (a birthday
 * eleven months ago adds .9 at most), as of today 02:24 UTC by the clock given. Maskable: parsing sets
 * {@code masked} false, {@link Masking} shows {@code **}/{@code **}/YYYY and keeps year and age.
 */
final class DobType implements FieldType {

    /** LeadConduit measures age from a tenth of the day (02:24 UTC), not midnight. */
    private static final Duration TENTH_OF_A_DAY = Duration.ofMinutes(144);
    private static final double DAYS_PER_YEAR = 365.2425;
    private static final double MILLIS_PER_DAY = 86_400_000d;
    private static final int MOST_TENTHS_PAST_BIRTHDAY = 9;

    private final Clock clock;

    DobType(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "dob";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        Optional<LocalDate> birthDate = InputText.isStructured(input) ? Optional.empty() : DateType.localDate(raw);
        Map<String, Object> components = new HashMap<>();
        components.put("masked", false);
        if (birthDate.isEmpty()) {
            return new TypedValue(name(), raw, raw, false, components);
        }
        components.put("age", age(birthDate.get()));
        components.put("year", (long) birthDate.get().getYear());
        return new TypedValue(name(), raw, birthDate.get().toString(), true, components);
    }

    private Object age(LocalDate birthDate) {
        LocalDateTime today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay().plus(TENTH_OF_A_DAY);
        long years = ChronoUnit.YEARS.between(birthDate, today.toLocalDate());
        LocalDate lastBirthday = birthDate.withYear(today.getYear());
        if (lastBirthday.atStartOfDay().isAfter(today)) {
            lastBirthday = lastBirthday.minusYears(1);
        }
        double yearsSinceBirthday =
                Duration.between(lastBirthday.atStartOfDay(), today).toMillis() / MILLIS_PER_DAY / DAYS_PER_YEAR;
        long tenths = Math.min((long) Math.floor(yearsSinceBirthday * 10), MOST_TENTHS_PAST_BIRTHDAY);
        return NumberForm.of((years * 10 + tenths) / 10d);
    }
}
