package io.datastores.neo4j;

import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;

/**
 * What a sample of one column's values shows of its type, and the Arrow field it is read as. A
 * column whose values all have one type is read as that type ({@link CypherToArrow#arrowType});
 * a POINT as {@link PointStruct}; a LIST as an Arrow List of what its elements show, so a property
 * holding {@code LIST<INTEGER>} in every sampled entity is {@code List<Int64>}. The rest is read
 * as text and says so in its name: values of several types ({@code mixed types (as text)}), types
 * Arrow has no exact form for ({@code TIME (as text)}), and lists whose elements are of several
 * types, or of such a type, or that are all empty ({@code LIST of mixed element types (as text)}); a
 * copy's plan names each as arriving as text. The result depends on the set of types seen, not on
 * their order.
 * Not thread-safe.
 */
final class SampledType {
    private static final String AS_TEXT = " (as text)";
    private static final String NO_VALUE = "STRING (no value in the sample)";
    private static final TypeSystem TYPES = TypeSystem.getDefault();

    private org.neo4j.driver.types.Type type;
    private boolean mixed;
    private SampledType elements;

    /** Adds a value to the sample; NULL and a missing property add nothing. */
    void see(Value value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (type == null) {
            type = value.type();
        } else if (!type.equals(value.type())) {
            mixed = true;
        }
        if (value.type().equals(TYPES.LIST())) {
            for (Value element : value.values()) {
                if (!element.isNull()) {
                    if (elements == null) {
                        elements = new SampledType();
                    }
                    elements.see(element);
                }
            }
        }
    }

    /** @return whether a name from {@link #typeName} says the column is read as text though its values are not */
    static boolean readAsText(String typeName) {
        return typeName.endsWith(AS_TEXT) || typeName.equals(NO_VALUE);
    }

    /** @return the column's Arrow field: its own type where {@link #exact}, else {@code Utf8} */
    Field field(String name, boolean nullable) {
        if (!exact()) {
            return new Field(name, fieldType(ArrowType.Utf8.INSTANCE, nullable), null);
        }
        if (list()) {
            return new Field(name, fieldType(ArrowType.List.INSTANCE, nullable), List.of(elements.field("item", true)));
        }
        if (type.equals(TYPES.POINT())) {
            return PointStruct.field(name, nullable);
        }
        return new Field(name, fieldType(CypherToArrow.arrowType(type), nullable), null);
    }

    /** @return the name the describe shows: Cypher's own, with how it is read where that is text */
    String typeName() {
        if (type == null) {
            return NO_VALUE;
        }
        if (mixed) {
            return "mixed types" + AS_TEXT;
        }
        if (exact()) {
            return cypher();
        }
        if (!list()) {
            return cypher() + AS_TEXT;
        }
        if (elements == null) {
            return "LIST with no element in the sample" + AS_TEXT;
        }
        return (elements.mixed ? "LIST of mixed element types" : cypher()) + AS_TEXT;
    }

    private boolean exact() {
        if (type == null || mixed) {
            return false;
        }
        if (list()) {
            return elements != null && elements.exact();
        }
        return type.equals(TYPES.STRING())
                || type.equals(TYPES.POINT())
                || !CypherToArrow.arrowType(type).equals(ArrowType.Utf8.INSTANCE);
    }

    private boolean list() {
        return type.equals(TYPES.LIST());
    }

    private String cypher() {
        if (mixed) {
            return "ANY";
        }
        return list() && elements != null
                ? "LIST<" + elements.cypher() + ">"
                : type.name().replace('_', ' ');
    }

    private static FieldType fieldType(ArrowType type, boolean nullable) {
        return nullable ? FieldType.nullable(type) : FieldType.notNullable(type);
    }
}
