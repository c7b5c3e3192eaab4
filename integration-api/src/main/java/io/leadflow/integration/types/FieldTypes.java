package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** All field types by name, and parsing that keeps the first raw value when a parsed value is parsed again. */
public final class FieldTypes {

    private static final Map<String, FieldType> TYPES = byName(List.of(
            new BooleanType(),
            new PlainTextType("city"),
            new CredentialType(),
            new DateType(),
            new DobType(Clock.systemUTC()),
            new EmailType(),
            new PlainTextType("first_name"),
            new GenderType(),
            new IpType(),
            new PlainTextType("last_name"),
            new NumberType(),
            new PhoneType(),
            new PostalCodeType(),
            new RangeType(),
            new SsnType(),
            new StateType(),
            new StreetType(),
            new StringType(),
            new TimeType(),
            new TrustedFormUrlType(),
            new UrlType()));
    private static final Set<String> NAMES = Collections.unmodifiableSet(new TreeSet<>(TYPES.keySet()));

    private FieldTypes() {
    }

    public static Set<String> names() {
        return NAMES;
    }

    public static Optional<FieldType> find(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /**
     * Parses a value with the named type; null stays null. A value already parsed with this type is returned as
     * it is; one parsed with another type is parsed again from its raw form.
     */
    public static TypedValue parse(String typeName, Object input) {
        FieldType type = TYPES.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("Unknown field type " + typeName);
        }
        if (input == null) {
            return null;
        }
        if (input instanceof TypedValue typed) {
            return typed.type().equals(typeName) ? typed : type.parse(typed.raw());
        }
        return type.parse(input);
    }

    private static Map<String, FieldType> byName(List<FieldType> types) {
        return types.stream().collect(Collectors.toUnmodifiableMap(FieldType::name, type -> type));
    }
}
