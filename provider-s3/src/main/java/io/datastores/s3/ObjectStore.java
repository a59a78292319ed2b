package io.datastores.s3;

import io.datastores.api.DatastoreException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 calls the provider makes, each failure mapped to a {@link DatastoreException} that names
 * the bucket and endpoint. Thread-safe (the SDK client is).
 */
record ObjectStore(S3Client client, String bucket, S3Errors errors) {
    /** Names the bucket only: the client and its credentials stay out of messages. */
    @Override
    public String toString() {
        return "ObjectStore[" + bucket + "]";
    }

    /** HeadBucket: the bucket exists and the credentials may use it. */
    void checkBucket() {
        call("checking the bucket", () -> client.headBucket(b -> b.bucket(bucket)));
    }

    /** @return the "folders" directly under a prefix (ending in {@code /}) */
    List<String> folders(String prefix) {
        List<String> folders = new ArrayList<>();
        for (ListObjectsV2Response page : call(
                "listing " + prefix,
                () -> client
                        .listObjectsV2Paginator(ListObjectsV2Request.builder()
                                .bucket(bucket)
                                .prefix(prefix)
                                .delimiter("/")
                                .build())
                        .stream()
                        .toList())) {
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(folders::add);
        }
        return folders;
    }

    /** @return every object directly under a prefix (not in sub-folders), in key order */
    List<S3Object> objects(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        for (ListObjectsV2Response page : call(
                "listing " + prefix,
                () -> client
                        .listObjectsV2Paginator(ListObjectsV2Request.builder()
                                .bucket(bucket)
                                .prefix(prefix)
                                .delimiter("/")
                                .build())
                        .stream()
                        .toList())) {
            objects.addAll(page.contents());
        }
        return objects;
    }

    /**
     * @param key an object
     * @param first the first byte to read, or -1 for the whole object
     * @param last the last byte to read, inclusive
     * @return the bytes as a stream; closing it early drops the connection rather than reading the rest
     */
    InputStream open(String key, long first, long last) {
        ResponseInputStream<GetObjectResponse> response = call(
                "reading " + key,
                () -> client.getObject(b -> {
                    b.bucket(bucket).key(key);
                    if (first >= 0) {
                        b.range("bytes=" + first + "-" + last);
                    }
                }));
        return new FilterInputStream(response) {
            @Override
            public void close() throws IOException {
                response.abort();
                response.close();
            }
        };
    }

    String startUpload(String key) {
        return call(
                        "starting the upload of " + key,
                        () -> client.createMultipartUpload(b -> b.bucket(bucket).key(key)))
                .uploadId();
    }

    CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes, int length) {
        String etag = call(
                        "uploading part " + number + " of " + key,
                        () -> client.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength((long) length),
                                RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(bytes, 0, length))))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    void completeUpload(String key, String uploadId, List<CompletedPart> parts) {
        call(
                "publishing " + key,
                () -> client.completeMultipartUpload(
                        b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
    }

    void abortUpload(String key, String uploadId) {
        call(
                "aborting the upload of " + key,
                () -> client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    }

    /** Deletes objects, 1,000 per request (the S3 limit). */
    void delete(List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build())
                    .toList();
            var response = call(
                    "deleting " + batch.size() + " objects",
                    () -> client.deleteObjects(
                            b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true))));
            if (!response.errors().isEmpty()) {
                throw errors.error(
                        io.datastores.api.ErrorCode.INTERNAL,
                        "S3 did not delete " + response.errors().size() + " objects, first "
                                + response.errors().get(0).key() + ": "
                                + response.errors().get(0).message(),
                        null);
            }
        }
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw errors.map(action, e);
        }
    }
}
