package io.datastores.api.arrow;

import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The Arrow types columns travel as when a database has more than text for them: UUIDs as the
 * canonical {@code arrow.uuid} extension (16 bytes, big-endian), JSON documents as the canonical
 * {@code arrow.json} extension (UTF-8 text), intervals as {@code Interval(MONTH_DAY_NANO)} and
 * arrays as {@code List<T>}. Every provider reads and writes these, so a UUID column of one
 * database arrives as the UUID column of another.
 *
 * <p>Arrow finds an extension type by name when it imports a schema (IPC files, the C Data
 * interface), so a reader that imports Arrow from elsewhere calls {@link #register()} first.
 * Stateless and thread-safe.
 */
public final class CanonicalTypes {
    /** The {@code arrow.uuid} type. */
    public static final UuidType UUID = new UuidType();
    /** The {@code arrow.json} type. */
    public static final JsonType JSON = new JsonType();
    /** The interval type: months, days and nanoseconds, each kept apart as SQL intervals keep them. */
    public static final ArrowType.Interval INTERVAL = new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);

    /** What a UUID column loses in a store without a UUID type (it keeps the canonical text). */
    public static final String UUID_AS_TEXT = "uuid stored as text";
    /** What a JSON column loses in a store without a JSON type (it keeps the document's text). */
    public static final String JSON_AS_TEXT = "json stored as text";
    /** What an interval column loses in a store without an interval type ({@link ArrowText#interval}). */
    public static final String INTERVAL_AS_TEXT = "interval stored as ISO-8601 text";
    /** What a list column loses in a store without (nested) arrays ({@link ArrowText#of}). */
    public static final String LIST_AS_JSON = "list stored as JSON text";
    /** What a struct column loses in a store without structs: its fields' types ({@link ArrowText#of}). */
    public static final String STRUCT_AS_JSON = "struct stored as JSON text";

    static {
        ExtensionTypeRegistry.register(UUID);
        ExtensionTypeRegistry.register(JSON);
    }

    private CanonicalTypes() {}

    /**
     * Registers the extension types with Arrow's {@link ExtensionTypeRegistry}; calling it again
     * does nothing. Readers that import schemas from outside the JVM call it before importing.
     */
    public static void register() {
        // The static initialiser registers; this call only makes sure it has run.
    }

    /**
     * @param type an Arrow type
     * @return whether it is {@code arrow.uuid}
     */
    public static boolean isUuid(ArrowType type) {
        return type instanceof UuidType;
    }

    /**
     * @param type an Arrow type
     * @return whether it is {@code arrow.json}
     */
    public static boolean isJson(ArrowType type) {
        return type instanceof JsonType;
    }

    /**
     * @param name the field name
     * @param element the element type, whose values may be NULL
     * @return a nullable {@code List<element>} field, its child named {@code element} as Parquet names it
     */
    public static Field list(String name, ArrowType element) {
        return list(name, new Field("element", FieldType.nullable(element), null));
    }

    /**
     * @param name the field name
     * @param element the element field
     * @return a nullable list field of that element
     */
    public static Field list(String name, Field element) {
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), java.util.List.of(element));
    }
}
