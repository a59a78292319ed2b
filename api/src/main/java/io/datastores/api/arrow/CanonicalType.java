package io.datastores.api.arrow;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * What {@link UuidType} and {@link JsonType} share: a name, one storage type, no parameters (so
 * nothing to serialise), and equality by class.
 */
abstract sealed class CanonicalType extends ArrowType.ExtensionType permits UuidType, JsonType {
    private final String name;
    private final ArrowType storage;

    CanonicalType(String name, ArrowType storage) {
        this.name = name;
        this.storage = storage;
    }

    @Override
    public ArrowType storageType() {
        return storage;
    }

    @Override
    public String extensionName() {
        return name;
    }

    @Override
    public boolean extensionEquals(ExtensionType other) {
        return other.getClass() == getClass();
    }

    @Override
    public String serialize() {
        return "";
    }

    @Override
    public ArrowType deserialize(ArrowType storageType, String serializedData) {
        if (!storage.equals(storageType)) {
            throw new IllegalArgumentException(name + " needs " + storage + " storage, not " + storageType);
        }
        return this;
    }
}
