package io.datastores.api.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The canonical {@code arrow.json} extension type: a JSON text, stored as UTF-8 ({@code Utf8}).
 * Use {@link CanonicalTypes#JSON}; immutable.
 */
public final class JsonType extends CanonicalType {

    JsonType() {
        super("arrow.json", ArrowType.Utf8.INSTANCE);
    }

    @Override
    public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
        return new JsonVector(name, fieldType, allocator);
    }
}
