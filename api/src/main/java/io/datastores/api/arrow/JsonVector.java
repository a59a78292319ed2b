package io.datastores.api.arrow;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.FieldType;

/** A vector of {@link JsonType} values over a {@link VarCharVector}. Not thread-safe, like every vector. */
public final class JsonVector extends CanonicalVector<VarCharVector, String> {

    /**
     * @param name the field name
     * @param fieldType its type, whose {@link FieldType#getType()} is {@link CanonicalTypes#JSON}
     * @param allocator where the buffers come from
     */
    public JsonVector(String name, FieldType fieldType, BufferAllocator allocator) {
        super(name, fieldType, allocator, new VarCharVector(name, allocator));
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
}
