package io.datastores.s3;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK failures into {@link DatastoreException}s that name the bucket, the endpoint and the fix. */
final class S3Errors {
    private final DatastoreConfig config;
    private final S3Settings settings;

    S3Errors(DatastoreConfig config, S3Settings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * @param action what was being done, such as {@code listing table 'orders'}
     * @param e the SDK's failure
     * @return the exception to throw, with the SDK's as its cause
     */
    DatastoreException map(String action, SdkException e) {
        String where = " (bucket '" + settings.bucket() + "' at " + endpoint() + ")";
        if (e instanceof S3Exception s3) {
            String code =
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String detail = code == null ? "HTTP " + s3.statusCode() : code + " (HTTP " + s3.statusCode() + ")";
            if (s3.statusCode() == 404 && (code == null || code.equals("NoSuchBucket"))) {
                return error(
                        ErrorCode.NOT_FOUND,
                        "Bucket '" + settings.bucket() + "' does not exist at " + endpoint() + " while " + action
                                + ": create it, or fix s3_bucket",
                        e);
            }
            if (s3.statusCode() == 404) {
                return error(ErrorCode.NOT_FOUND, "Object not found while " + action + where + ": " + detail, e);
            }
            if (s3.statusCode() == 403 || s3.statusCode() == 401) {
                return error(
                        ErrorCode.AUTHENTICATION,
                        "The credentials were refused while " + action + where + ": "
                                + detail + "; check " + S3Settings.ACCESS_KEY + "/" + S3Settings.SECRET_KEY
                                + " (or the AWS default chain: environment, profile, instance role) and the bucket policy",
                        e);
            }
            if (s3.statusCode() == 301 || code != null && code.equals("AuthorizationHeaderMalformed")) {
                return error(
                        ErrorCode.INVALID_CONFIG,
                        "The bucket lives in another region than '" + settings.region() + "' while " + action + where
                                + ": set region to the bucket's region",
                        e);
            }
            return error(
                    ErrorCode.INTERNAL, "S3 refused " + action + where + ": " + detail + ": " + s3.getMessage(), e);
        }
        if (e instanceof SdkClientException && unreachable(e)) {
            return error(
                    ErrorCode.CONNECTION,
                    "Cannot reach " + endpoint() + " while " + action + " (bucket '" + settings.bucket() + "'): "
                            + rootMessage(e) + "; check endpoint and that the server is running",
                    e);
        }
        if (e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
            return error(
                    ErrorCode.AUTHENTICATION,
                    "No credentials for bucket '" + settings.bucket() + "' at " + endpoint()
                            + ": set " + S3Settings.ACCESS_KEY + " and " + S3Settings.SECRET_KEY
                            + ", or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment, or an AWS profile",
                    e);
        }
        return error(ErrorCode.INTERNAL, "S3 failed while " + action + where + ": " + e.getMessage(), e);
    }

    DatastoreException error(ErrorCode code, String message, Throwable cause) {
        // An SDK message may quote a request header; keep the cause only when it holds no secret.
        boolean clean = cause != null
                && config.redact(String.valueOf(cause.getMessage())).equals(String.valueOf(cause.getMessage()));
        return new DatastoreException(
                code,
                config.name(),
                DatastoreException.prefix(config.name(), config.type()) + config.redact(message),
                null,
                0,
                clean ? cause : null,
                DatastoreException.isRetryable(cause));
    }

    String endpoint() {
        return settings.endpoint().map(Object::toString).orElse("AWS S3 (" + settings.region() + ")");
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException
                    || t.getClass().getName().endsWith("HttpHostConnectException")
                    || t.getClass().getName().endsWith("NoHttpResponseException")
                    || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
