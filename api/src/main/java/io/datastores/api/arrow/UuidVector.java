package io.datastores.api.arrow;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.types.pojo.FieldType;

/** A vector of {@link UuidType} values over a {@link FixedSizeBinaryVector}. Not thread-safe, like every vector. */
public final class UuidVector extends CanonicalVector<FixedSizeBinaryVector, UUID> {

    /**
     * @param name the field name
     * @param fieldType its type, whose {@link FieldType#getType()} is {@link CanonicalTypes#UUID}
     * @param allocator where the buffers come from
     */
    public UuidVector(String name, FieldType fieldType, BufferAllocator allocator) {
        super(name, fieldType, allocator, new FixedSizeBinaryVector(name, allocator, 16));
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
        getUnderlyingVector()
                .setSafe(
                        index,
                        ByteBuffer.allocate(16)
                                .putLong(value.getMostSignificantBits())
                                .putLong(value.getLeastSignificantBits())
                                .array());
    }
}
