package io.datastores.api.arrow;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.ArrowBufHasher;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.ValueIterableVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** A vector of {@link JsonType} values over a {@link VarCharVector}. Not thread-safe, like every vector. */
public final class JsonVector extends ExtensionTypeVector<VarCharVector> implements ValueIterableVector<String> {
    private final Field field;

    /**
     * @param name the field name
     * @param fieldType its type, whose {@link FieldType#getType()} is {@link CanonicalTypes#JSON}
     * @param allocator where the buffers come from
     */
    public JsonVector(String name, FieldType fieldType, BufferAllocator allocator) {
        super(name, allocator, new VarCharVector(name, allocator));
        this.field = new Field(name, fieldType, null);
    }

    @Override
    public Field getField() {
        return field;
    }

    /**
     * @param index a row
     * @return its JSON text, or {@code null}
     */
    @Override
    public String getObject(int index) {
        return isNull(index) ? null : new String(getUnderlyingVector().get(index), StandardCharsets.UTF_8);
    }

    /**
     * Sets a row, growing the vector when needed.
     *
     * @param index the row
     * @param json the JSON text
     */
    public void setSafe(int index, String json) {
        getUnderlyingVector().setSafe(index, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void copyFrom(int fromIndex, int thisIndex, ValueVector from) {
        getUnderlyingVector().copyFrom(fromIndex, thisIndex, ((JsonVector) from).getUnderlyingVector());
    }

    @Override
    public void copyFromSafe(int fromIndex, int thisIndex, ValueVector from) {
        getUnderlyingVector().copyFromSafe(fromIndex, thisIndex, ((JsonVector) from).getUnderlyingVector());
    }

    @Override
    public int hashCode(int index) {
        return getUnderlyingVector().hashCode(index);
    }

    @Override
    public int hashCode(int index, ArrowBufHasher hasher) {
        return getUnderlyingVector().hashCode(index, hasher);
    }
}
