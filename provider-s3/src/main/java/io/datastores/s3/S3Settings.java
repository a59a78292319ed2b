package io.datastores.s3;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The validated {@code connection:} settings of one S3 datastore. Credentials are kept only as the
 * configuration's keys; they never appear in {@link #toString()} (the record holds none).
 *
 * @param bucket the bucket
 * @param prefix the key prefix every table lives under: empty, or ending in {@code /}
 * @param region the signing region
 * @param endpoint an S3-compatible endpoint, or empty for AWS
 * @param pathStyle whether to address the bucket in the path rather than the host name
 * @param format the format new parts are written in
 * @param partBytes the size at which a table's current part is closed and a new one started
 */
record S3Settings(
        String bucket,
        String prefix,
        String region,
        Optional<URI> endpoint,
        boolean pathStyle,
        Format format,
        long partBytes) {

    static final String ACCESS_KEY = "aws_access_key_id";
    static final String SECRET_KEY = "aws_secret_access_key";
    static final String SESSION_TOKEN = "aws_session_token";
    static final Set<String> KEYS = Set.of(
            "s3_bucket",
            "s3_prefix",
            "region",
            ACCESS_KEY,
            SECRET_KEY,
            SESSION_TOKEN,
            "endpoint",
            "path_style",
            "format",
            "part_size_mb");
    private static final String DEFAULT_PART_MB = "512";

    static List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.value("s3_bucket").isEmpty()) {
            problems.add(config.problem("s3_bucket", "Must specify s3_bucket (the bucket tables are stored in)"));
        }
        if (config.value(ACCESS_KEY).isPresent() != config.value(SECRET_KEY).isPresent()) {
            problems.add(config.problem(
                    config.value(ACCESS_KEY).isPresent() ? SECRET_KEY : ACCESS_KEY,
                    "Give both " + ACCESS_KEY + " and " + SECRET_KEY + ", or neither (then the AWS default chain "
                            + "applies: environment, profile, instance role)"));
        }
        config.value("endpoint").ifPresent(endpoint -> {
            try {
                URI uri = URI.create(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    problems.add(config.problem(
                            "endpoint", "Must be a URL such as http://127.0.0.1:9000, got '" + endpoint + "'"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(config.problem(
                        "endpoint", "Must be a URL such as http://127.0.0.1:9000, got '" + endpoint + "'"));
            }
        });
        String pathStyle = config.value("path_style", "false").toLowerCase(Locale.ROOT);
        if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
            problems.add(config.problem("path_style", "Must be true or false, got '" + pathStyle + "'"));
        }
        String format = config.value("format", Format.PARQUET.key());
        if (Format.byKey(format).isEmpty()) {
            problems.add(config.problem("format", "Must be one of " + Format.keys() + ", got '" + format + "'"));
        }
        String partMb = config.value("part_size_mb", DEFAULT_PART_MB);
        if (!partMb.matches("\\d{1,7}") || Integer.parseInt(partMb) < 5) {
            problems.add(
                    config.problem("part_size_mb", "Must be a whole number of MiB, at least 5, got '" + partMb + "'"));
        }
        config.refuseDatabases("S3 has no schemas", "use one datastore per prefix instead")
                .ifPresent(problems::add);
        return problems;
    }

    static S3Settings of(DatastoreConfig config) {
        String prefix = config.value("s3_prefix", "").replaceFirst("^/+", "");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return new S3Settings(
                config.value("s3_bucket").orElseThrow(),
                prefix,
                config.value("region", "us-east-1"),
                config.value("endpoint").map(URI::create),
                Boolean.parseBoolean(config.value("path_style", "false")),
                Format.byKey(config.value("format", Format.PARQUET.key())).orElseThrow(),
                Long.parseLong(config.value("part_size_mb", DEFAULT_PART_MB)) << 20);
    }

    /** @return where this datastore points, for messages: {@code s3://bucket/prefix at endpoint} */
    String location() {
        return "s3://" + bucket + "/" + prefix + " at "
                + endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
    }
}
