package io.datastores.s3;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A bucket and prefix as a datastore of tables. Connecting builds the SDK client and checks the
 * bucket with HeadBucket; no SQL. Thread-safe: the client is shared, and every read or write
 * works on its own objects.
 */
final class S3Datastore extends ConfiguredDatastore {
    private final S3Settings settings;
    private final S3Errors errors;
    private final S3BulkReader reader;
    private final S3BulkWriter writer;
    private final S3TableCreator creator;
    private S3Client client;
    private ObjectStore store;
    private Instant connectedAt;

    S3Datastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
        this.settings = S3Settings.of(config);
        this.errors = new S3Errors(config, settings);
        this.reader = new S3BulkReader(config, settings, this::store);
        this.writer = new S3BulkWriter(config, settings, this::store);
        this.creator = new S3TableCreator(config, settings, this::store);
    }

    @Override
    public void connect() {
        store();
    }

    /** @return the connected store, connecting (and checking the bucket) first if needed */
    private synchronized ObjectStore store() {
        if (store == null) {
            S3Client created = newClient();
            ObjectStore candidate = new ObjectStore(created, settings.bucket(), errors);
            try {
                candidate.checkBucket();
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
            client = created;
            store = candidate;
            connectedAt = Instant.now();
        }
        return store;
    }

    private S3Client newClient() {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials())
                .forcePathStyle(settings.pathStyle());
        settings.endpoint()
                .ifPresent(endpoint -> builder.endpointOverride(endpoint)
                        // S3-compatible stores differ in which checksum headers they accept; send them only when S3
                        // requires.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        Optional<String> id = config().value(S3Settings.ACCESS_KEY);
        if (id.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = config().value(S3Settings.SECRET_KEY).orElseThrow();
        return StaticCredentialsProvider.create(config().value(S3Settings.SESSION_TOKEN)
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                        token -> AwsSessionCredentials.create(id.get(), secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(id.get(), secret)));
    }

    @Override
    public synchronized boolean isConnected() {
        return store != null;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
            store = null;
            connectedAt = null;
        }
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.timed(() -> {
            store().checkBucket();
            synchronized (this) {
                return new ConnectionTest.Answer("S3 at " + errors.endpoint(), settings.bucket(), connectedAt);
            }
        });
    }

    /** S3 has no schemas; a table's {@code schema} is read as one more folder level under the prefix. */
    @Override
    public List<String> schemas() {
        return List.of();
    }

    @Override
    public List<TableRef> tables(String schema) {
        return new Tables(store(), settings).list(schema);
    }

    @Override
    public TableInfo describe(TableRef table) {
        Tables tables = new Tables(store(), settings);
        Schema schema = tables.schema(table, tables.existingParts(table));
        return new TableInfo(
                table, schema.getFields().stream().map(S3Datastore::column).toList(), List.of());
    }

    private static ColumnInfo column(Field field) {
        ArrowType type = field.getType();
        int jdbcType = switch (type.getTypeID()) {
            case Int -> ((ArrowType.Int) type).getBitWidth() == 64 ? Types.BIGINT : Types.INTEGER;
            case FloatingPoint -> Types.DOUBLE;
            case Decimal -> Types.DECIMAL;
            case Utf8, LargeUtf8 -> Types.VARCHAR;
            case Binary, LargeBinary, FixedSizeBinary -> Types.VARBINARY;
            case Bool -> Types.BOOLEAN;
            case Date -> Types.DATE;
            case Time -> Types.TIME;
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.OTHER;
        };
        Integer precision = type instanceof ArrowType.Decimal d ? d.getPrecision() : null;
        Integer scale = type instanceof ArrowType.Decimal d ? d.getScale() : null;
        return new ColumnInfo(field.getName(), typeName(type), jdbcType, field.isNullable(), precision, scale);
    }

    /** Arrow type names as pyarrow spells them ({@code int16}, {@code string}, {@code timestamp[us, tz=UTC]}). */
    static String typeName(ArrowType type) {
        if (type instanceof ArrowType.ExtensionType extension) {
            return extension.extensionName();
        }
        return switch (type.getTypeID()) {
            case Int -> (((ArrowType.Int) type).getIsSigned() ? "int" : "uint") + ((ArrowType.Int) type).getBitWidth();
            case FloatingPoint ->
                switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                    case HALF -> "float16";
                    case SINGLE -> "float32";
                    case DOUBLE -> "float64";
                };
            case Decimal ->
                "decimal(" + ((ArrowType.Decimal) type).getPrecision() + ", " + ((ArrowType.Decimal) type).getScale()
                        + ")";
            case Utf8 -> "string";
            case LargeUtf8 -> "large_string";
            case Binary -> "binary";
            case LargeBinary -> "large_binary";
            case FixedSizeBinary -> "fixed_size_binary(" + ((ArrowType.FixedSizeBinary) type).getByteWidth() + ")";
            case Bool -> "bool";
            case Date ->
                ((ArrowType.Date) type).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? "date32" : "date64";
            case Time ->
                "time" + ((ArrowType.Time) type).getBitWidth() + "[" + unit(((ArrowType.Time) type).getUnit()) + "]";
            case Timestamp ->
                "timestamp[" + unit(((ArrowType.Timestamp) type).getUnit())
                        + (((ArrowType.Timestamp) type).getTimezone() == null
                                ? ""
                                : ", tz=" + ((ArrowType.Timestamp) type).getTimezone())
                        + "]";
            default -> type.toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String unit(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        return firstOf(type, reader, writer, creator);
    }

    /** @return the table creator transfers use */
    TableCreator tableCreator() {
        return creator;
    }

    @Override
    public String toString() {
        return "S3Datastore[" + name() + ", " + settings.location() + ", format "
                + settings.format().key() + "]";
    }
}
