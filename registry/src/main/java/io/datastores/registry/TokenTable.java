package io.datastores.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bearer tokens, kept only as SHA-256 hashes: a token is 256 random bits, so a fast hash is enough
 * and a stolen table yields no usable token.
 */
final class TokenTable {
    private static final String PREFIX = "dsr_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token's holder, as requests see it. */
    record Holder(long id, String name, Set<Scope> scopes) {
        boolean may(Scope scope) {
            return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
        }
    }

    /** A token as listed: never the token itself. */
    record Listed(long id, String name, List<String> scopes, String createdAt, String revokedAt) {}

    private final Sql sql;

    TokenTable(Sql sql) {
        this.sql = sql;
    }

    /** @return a new token (shown once), stored hashed */
    String create(String name, Set<Scope> scopes) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        store(name, token, scopes);
        return token;
    }

    /**
     * Stores a token the operator chose (the bootstrap admin token) unless it is stored already;
     * a revoked one stays revoked.
     *
     * @return whether the stored token is usable (false: it was revoked through the API)
     */
    boolean ensure(String name, String token, Set<Scope> scopes) {
        List<Boolean> revoked = sql.query(
                "SELECT revoked_at IS NOT NULL FROM registry_tokens WHERE token_hash = ?",
                List.of(hash(token)),
                row -> row.getBoolean(1));
        if (revoked.isEmpty()) {
            store(name, token, scopes);
            return true;
        }
        return !revoked.get(0);
    }

    private void store(String name, String token, Set<Scope> scopes) {
        sql.transaction(connection -> Sql.insert(
                connection,
                "INSERT INTO registry_tokens (name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?)",
                name,
                hash(token),
                scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(",")),
                Times.now()));
    }

    Optional<Holder> holder(String token) {
        return sql
                .query(
                        "SELECT id, name, scopes FROM registry_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                        List.of(hash(token)),
                        row -> new Holder(row.getLong("id"), row.getString("name"), scopes(row.getString("scopes"))))
                .stream()
                .findFirst();
    }

    List<Listed> list() {
        return sql.query(
                "SELECT id, name, scopes, created_at, revoked_at FROM registry_tokens ORDER BY id",
                List.of(),
                row -> new Listed(
                        row.getLong("id"),
                        row.getString("name"),
                        List.of(row.getString("scopes").split(",")),
                        row.getString("created_at"),
                        row.getString("revoked_at")));
    }

    boolean revoke(long id) {
        return sql.update(
                        "UPDATE registry_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        Times.now(),
                        id)
                == 1;
    }

    private static Set<Scope> scopes(String stored) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(stored.split(","))
                .filter(s -> !s.isBlank())
                .map(Scope::of)
                .forEach(scopes::add);
        return scopes;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
