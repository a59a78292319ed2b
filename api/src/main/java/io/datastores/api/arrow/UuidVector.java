package io.datastores.api.arrow;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.ArrowBufHasher;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.ValueIterableVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** A vector of {@link UuidType} values over a {@link FixedSizeBinaryVector}. Not thread-safe, like every vector. */
public final class UuidVector extends ExtensionTypeVector<FixedSizeBinaryVector> implements ValueIterableVector<UUID> {
    private final Field field;

    /**
     * @param name the field name
     * @param fieldType its type, whose {@link FieldType#getType()} is {@link CanonicalTypes#UUID}
     * @param allocator where the buffers come from
     */
    public UuidVector(String name, FieldType fieldType, BufferAllocator allocator) {
        super(name, allocator, new FixedSizeBinaryVector(name, allocator, 16));
        this.field = new Field(name, fieldType, null);
    }

    @Override
    public Field getField() {
        return field;
    }

    /**
     * @param index a row
     * @return its UUID, or {@code null}
     */
    @Override
    public UUID getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(getUnderlyingVector().get(index));
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /**
     * Sets a row, growing the vector when needed.
     *
     * @param index the row
     * @param value the UUID
     */
    public void setSafe(int index, UUID value) {
        getUnderlyingVector().setSafe(index, ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits()).array());
    }

    @Override
    public void copyFrom(int fromIndex, int thisIndex, ValueVector from) {
        getUnderlyingVector().copyFrom(fromIndex, thisIndex, ((UuidVector) from).getUnderlyingVector());
    }

    @Override
    public void copyFromSafe(int fromIndex, int thisIndex, ValueVector from) {
        getUnderlyingVector().copyFromSafe(fromIndex, thisIndex, ((UuidVector) from).getUnderlyingVector());
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
