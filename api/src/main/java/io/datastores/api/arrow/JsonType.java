package io.datastores.api.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The canonical {@code arrow.json} extension type: a JSON text, stored as UTF-8 ({@code Utf8}).
 * Use {@link CanonicalTypes#JSON}; immutable.
 */
public final class JsonType extends ArrowType.ExtensionType {

    JsonType() {
    }

    @Override
    public ArrowType storageType() {
        return ArrowType.Utf8.INSTANCE;
    }

    @Override
    public String extensionName() {
        return "arrow.json";
    }

    @Override
    public boolean extensionEquals(ExtensionType other) {
        return other instanceof JsonType;
    }

    @Override
    public String serialize() {
        return "";
    }

    @Override
    public ArrowType deserialize(ArrowType storageType, String serializedData) {
        if (!(storageType instanceof ArrowType.Utf8)) {
            throw new IllegalArgumentException("arrow.json over " + storageType + " is not supported; Utf8 is");
        }
        return this;
    }

    @Override
    public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
        return new JsonVector(name, fieldType, allocator);
    }
}
