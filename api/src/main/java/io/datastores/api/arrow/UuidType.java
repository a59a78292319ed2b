package io.datastores.api.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The canonical {@code arrow.uuid} extension type: a UUID as 16 bytes in big-endian order (RFC
 * 9562), stored as {@code FixedSizeBinary(16)}. Use {@link CanonicalTypes#UUID}; immutable.
 */
public final class UuidType extends CanonicalType {
    /** The storage type: 16 bytes. */
    public static final ArrowType.FixedSizeBinary STORAGE = new ArrowType.FixedSizeBinary(16);

    UuidType() {
        super("arrow.uuid", STORAGE);
    }

    @Override
    public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
        return new UuidVector(name, fieldType, allocator);
    }
}
