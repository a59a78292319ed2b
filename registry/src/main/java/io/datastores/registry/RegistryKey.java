package io.datastores.registry;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The operator's encryption key for secrets at rest: a Google Tink AES-256-GCM keyset, so every
 * ciphertext carries the id of the key that made it and old keys can stay for decryption while a
 * new primary encrypts. Text form: {@code dsr-key-v1:} followed by the keyset JSON in base64url,
 * as {@link #generate()} and {@code datastores registry keygen} print it.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows key material.
 */
public final class RegistryKey {
    private static final String PREFIX = "dsr-key-v1:";
    /** Tink's prefix for ciphertexts of keys with output prefix TINK: one version byte, then the 4-byte key id. */
    private static final byte TINK_PREFIX = 1;

    private final KeysetHandle keyset;
    private final Aead aead;

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RegistryKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.keyset = keyset;
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** @return a new key with one fresh AES-256-GCM key as primary */
    public static RegistryKey generate() {
        try {
            return new RegistryKey(KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw DatastoreException.of(ErrorCode.INTERNAL, "Cannot generate a registry key")
                    .withCause(e);
        }
    }

    /**
     * @param text a key in the form {@link #toText()} writes
     * @return the key
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} when the text is not a key
     *     (the message never repeats the text)
     */
    @SuppressWarnings("deprecation") // Tink 1.24 deprecates its cleartext keyset formats; the format itself is stable.
    public static RegistryKey parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.startsWith(PREFIX)) {
            throw notAKey();
        }
        try {
            String json = new String(
                    Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length())), StandardCharsets.UTF_8);
            return new RegistryKey(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw notAKey();
        }
    }

    private static DatastoreException notAKey() {
        return DatastoreException.of(
                ErrorCode.INVALID_CONFIG,
                "The registry key is not in the form 'dsr-key-v1:...'; create one with 'datastores registry keygen'");
    }

    /**
     * @return a key holding every key of this one plus a fresh primary: new secrets use the new
     *     key, old ones still decrypt until {@code rotate-key} re-encrypts them
     */
    public RegistryKey withNewPrimary() {
        try {
            return new RegistryKey(KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw DatastoreException.of(ErrorCode.INTERNAL, "Cannot add a key to the registry key")
                    .withCause(e);
        }
    }

    /** @return the key in its text form, key material included: handle like a password */
    @SuppressWarnings("deprecation") // see parse
    public String toText() {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            return PREFIX
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw DatastoreException.of(ErrorCode.INTERNAL, "Cannot write the registry key")
                    .withCause(e);
        }
    }

    /** @return the id of the key that encrypts new secrets */
    public long primaryKeyId() {
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    /** @return how many keys this keyset holds */
    public int size() {
        return keyset.size();
    }

    String encrypt(String plaintext, String context) {
        try {
            byte[] sealed =
                    aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw encryptionError();
        }
    }

    String decrypt(String sealed, String context) {
        try {
            byte[] plain = aead.decrypt(Base64.getDecoder().decode(sealed), context.getBytes(StandardCharsets.UTF_8));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw encryptionError();
        }
    }

    /** @return the id of the key a ciphertext of {@link #encrypt} was made with */
    static long keyIdOf(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        if (bytes.length < 5 || bytes[0] != TINK_PREFIX) {
            throw encryptionError();
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    /** Encryption errors stay generic: which key or which byte failed helps only an attacker. */
    private static DatastoreException encryptionError() {
        return DatastoreException.of(ErrorCode.INTERNAL, "A stored secret cannot be decrypted with the registry key");
    }

    /** @return the key ids, never key material */
    @Override
    public String toString() {
        return "RegistryKey[primary=" + primaryKeyId() + ", keys=" + keyset.size() + "]";
    }
}
