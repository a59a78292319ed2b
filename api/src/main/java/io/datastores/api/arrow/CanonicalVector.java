package io.datastores.api.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.ArrowBufHasher;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueIterableVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * What {@link UuidVector} and {@link JsonVector} share: the field with the extension type (Arrow's
 * base class would report the storage's), and copying and hashing by the storage vector.
 *
 * @param <S> the storage vector
 * @param <T> the value type {@link #getObject} returns
 */
abstract sealed class CanonicalVector<S extends FieldVector, T> extends ExtensionTypeVector<S>
        implements ValueIterableVector<T> permits UuidVector, JsonVector {
    private final Field field;

    CanonicalVector(String name, FieldType fieldType, BufferAllocator allocator, S storage) {
        super(name, allocator, storage);
        this.field = new Field(name, fieldType, null);
    }

    @Override
    public Field getField() {
        return field;
    }

    @Override
    public abstract T getObject(int index);

    @Override
    public void copyFrom(int fromIndex, int thisIndex, ValueVector from) {
        getUnderlyingVector().copyFrom(fromIndex, thisIndex, storage(from));
    }

    @Override
    public void copyFromSafe(int fromIndex, int thisIndex, ValueVector from) {
        getUnderlyingVector().copyFromSafe(fromIndex, thisIndex, storage(from));
    }

    private static ValueVector storage(ValueVector from) {
        return from instanceof ExtensionTypeVector<?> extension ? extension.getUnderlyingVector() : from;
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
